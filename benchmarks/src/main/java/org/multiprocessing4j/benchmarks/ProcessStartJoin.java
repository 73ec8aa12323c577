package org.multiprocessing4j.benchmarks;

import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;

/**
 * Workload {@code process.start-join}: create a child whose target does nothing, start it, join
 * it. The whole round is timed, as Python's {@code Process(target=noop); start(); join()} is, so
 * it is the cost of a child JVM from nothing to exit code. Every child is a new JVM, hence the
 * variant name {@code cold}.
 */
final class ProcessStartJoin {

    private ProcessStartJoin() {
    }

    /**
     * The child's target. A static method in this module, so the child finds it on the class path
     * it inherits from the harness.
     */
    static void noop() {
        // nothing: the benchmark measures the process, not the work
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        Samples samples = Samples.collect(settings, ProcessStartJoin::startAndJoin);
        out.accept(ResultLine.millis("process.start-join", "cold", samples));
    }

    private static long startAndJoin() throws InterruptedException {
        long begin = System.nanoTime();
        ChildProcess child = Multiprocessing.process(ProcessStartJoin::noop);
        child.start();
        child.join();
        long elapsed = System.nanoTime() - begin;
        // releasing the parent's side is bookkeeping after the child is gone, as Process.close()
        // is on the Python side; neither side times it
        child.close();
        if (child.exitCode() != 0) {
            throw new IllegalStateException("no-op child exited with " + child.exitCode());
        }
        return elapsed;
    }
}
