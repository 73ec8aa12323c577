package org.multiprocessing4j.benchmarks;

/**
 * One timed run of a workload. It returns the time it measured itself rather than being timed from
 * outside, so that a workload can leave set-up (starting worker processes, allocating buffers)
 * out of the figure.
 */
@FunctionalInterface
interface Trial {

    /**
     * Runs once.
     *
     * @return the elapsed time of the measured part, in nanoseconds
     * @throws Exception if the run fails; the harness stops rather than report a wrong number
     */
    long runNanos() throws Exception;
}
