package org.multiprocessing4j.benchmarks;

/**
 * How often each measurement is taken: {@code warmup} discarded runs, then {@code repetitions}
 * timed ones whose median is reported.
 *
 * @param warmup runs discarded before timing, so class loading, JIT compilation and one-time
 *     set-up in the parent do not count
 * @param repetitions timed runs; the median of these is the result
 */
record Settings(int warmup, int repetitions) {

    Settings {
        if (warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("warmup >= 0 and repetitions >= 1 required");
        }
    }
}
