package org.multiprocessing4j.benchmarks;

/**
 * How often each measurement is taken: {@code warmup} discarded runs, then {@code repetitions}
 * timed ones whose median is reported.
 *
 * @param warmup runs discarded before timing, so class loading, JIT compilation and one-time
 *     set-up in the parent do not count
 * @param repetitions timed runs; the median of these is the result
 * @param steadySeconds the least time the steady-state workloads (long-lived workers doing the
 *     same call over and over) warm up for, besides {@code warmup} runs
 * @param python the CPython interpreter of the workloads that have a CPython peer
 */
record Settings(int warmup, int repetitions, double steadySeconds, String python) {

    Settings {
        if (warmup < 0 || repetitions < 1 || steadySeconds < 0) {
            throw new IllegalArgumentException("warmup >= 0, repetitions >= 1 and steadySeconds >= 0 required");
        }
    }
}
