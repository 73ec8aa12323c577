package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
        warmUp(settings, 0, trial);
        return measure(settings, trial);
    }

    /**
     * Like {@link #collect(Settings, Trial)}, for workloads measured in their steady state: the
     * warm-up also lasts {@code settings.steadySeconds()}, then goes on in windows of at most 2 s
     * (and at most the steady time) until the median runs of two windows in a row are each no more
     * than 3% faster than the fastest window's before them, for at most ten times the steady time.
     * A pool's throughput in a fresh JVM still climbs for several seconds after the first three,
     * as the JIT compiles the paths that run once a batch; a fixed warm-up would time some runs on
     * that slope, and so would a rule that one window slower than the last, by chance, ends.
     */
    static Samples collectSteady(Settings settings, Trial trial) throws Exception {
        warmUp(settings, settings.steadySeconds(), trial);
        if (settings.steadySeconds() > 0) {
            double window = Math.min(2, settings.steadySeconds());
            long giveUp = System.nanoTime() + (long) (10 * settings.steadySeconds() * 1e9);
            double fastest = windowMedian(trial, window);
            int unimproved = 0;
            while (unimproved < 2 && System.nanoTime() < giveUp) {
                double now = windowMedian(trial, window);
                unimproved = now > fastest * 0.97 ? unimproved + 1 : 0;
                fastest = Math.min(fastest, now);
            }
        }
        return measure(settings, trial);
    }

    private static double windowMedian(Trial trial, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Long> nanos = new ArrayList<>();
        do {
            nanos.add(trial.runNanos());
        } while (System.nanoTime() < end);
        Collections.sort(nanos);
        return nanos.get(nanos.size() / 2);
    }

    private static void warmUp(Settings settings, double warmupSeconds, Trial trial) throws Exception {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < settings.warmup() || System.nanoTime() < end; i++) {
            trial.runNanos();
        }
    }

    private static Samples measure(Settings settings, Trial trial) throws Exception {
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
