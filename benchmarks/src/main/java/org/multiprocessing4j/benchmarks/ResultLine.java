package org.multiprocessing4j.benchmarks;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The line format both sides print, one result a line, tab-separated, so the report can merge
 * them: {@code workload variant median unit lower_is_better count min max samples}, the samples
 * comma-separated so that the report can pool the lines of several JVMs. The Python side
 * ({@code benchmarks/python/workloads.py}) prints exactly the same fields.
 */
final class ResultLine {

    private ResultLine() {
    }

    /** A timing in milliseconds, where lower is better. */
    static String millis(String workload, String variant, Samples samples) {
        return line(workload, variant, samples, "ms", true);
    }

    /**
     * A throughput in millions of operations per second, where higher is better, from timings of
     * {@code operations} operations each.
     */
    static String rate(String workload, String variant, Samples millis, long operations) {
        return line(workload, variant, millis.map(ms -> operations / (ms * 1000.0)), "M ops/s", false);
    }

    /**
     * The time of one operation in microseconds, where lower is better, from timings of
     * {@code operations} operations each.
     */
    static String microsEach(String workload, String variant, Samples millis, long operations) {
        return line(workload, variant, millis.map(ms -> ms * 1000.0 / operations), "us", true);
    }

    /** A quantity in {@code unit} other than a time or a rate, such as memory, where lower is better. */
    static String quantity(String workload, String variant, Samples samples, String unit) {
        return line(workload, variant, samples, unit, true);
    }

    /** A factor, such as a speed-up, where higher is better. */
    static String factor(String workload, String variant, Samples samples) {
        return line(workload, variant, samples, "x", false);
    }

    private static String line(String workload, String variant, Samples samples, String unit, boolean lowerIsBetter) {
        return String.join("\t", workload, variant, number(samples.median()), unit, lowerIsBetter ? "1" : "0",
                Integer.toString(samples.count()), number(samples.min()), number(samples.max()),
                samples.values().mapToObj(value -> String.format(Locale.ROOT, "%.6g", value))
                        .collect(Collectors.joining(",")));
    }

    /** A line of facts about the runtime, not a result: {@code # key value}. */
    static String meta(String key, String value) {
        return String.join("\t", "#", key, value);
    }

    private static String number(double value) {
        // Locale.ROOT: a decimal comma would break the report's parser
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
