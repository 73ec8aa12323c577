package org.multiprocessing4j.benchmarks;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;

/**
 * The timed runs of one measurement, in milliseconds (or, {@linkplain #map mapped}, another
 * quantity such as a rate). The median is what is compared: on a shared, noisy machine a few slow
 * outliers move the mean but not the median.
 */
final class Samples {

    private final double[] sorted;

    private Samples(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** Values measured some other way than by timing a trial. */
    static Samples of(double[] values) {
        return new Samples(values);
    }

    /** Runs {@code trial} {@code warmup} times without keeping the result, then times it. */
    static Samples collect(Settings settings, Trial trial) throws Exception {
        return collect(settings, 0, trial);
    }

    /**
     * Like {@link #collect(Settings, Trial)}, warming up also until {@code settings.steadySeconds()}
     * have passed: for workloads measured in their steady state.
     */
    static Samples collectSteady(Settings settings, Trial trial) throws Exception {
        return collect(settings, settings.steadySeconds(), trial);
    }

    private static Samples collect(Settings settings, double warmupSeconds, Trial trial) throws Exception {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < settings.warmup() || System.nanoTime() < end; i++) {
            trial.runNanos();
        }
        double[] millis = new double[settings.repetitions()];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = trial.runNanos() / 1e6;
        }
        return new Samples(millis);
    }

    /** The same runs expressed in another quantity, such as operations per second. */
    Samples map(DoubleUnaryOperator conversion) {
        return new Samples(Arrays.stream(sorted).map(conversion).toArray());
    }

    double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    DoubleStream values() {
        return Arrays.stream(sorted);
    }

    int count() {
        return sorted.length;
    }
}
