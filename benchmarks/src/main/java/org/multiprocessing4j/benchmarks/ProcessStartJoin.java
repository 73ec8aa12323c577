package org.multiprocessing4j.benchmarks;

import java.time.Duration;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.StartMethod;

/**
 * Workload {@code process.start-join}: create a child whose target does nothing, start it, join
 * it. The whole round is timed, as Python's {@code Process(target=noop); start(); join()} is.
 * Variant {@code cold}: every child is a new JVM (start method {@code COLD}, like Python's
 * {@code spawn}). Variant {@code warm}: the child takes a spare JVM; before each round, untimed,
 * the harness waits until a spare is ready again, as Python's warm-up starts forkserver's server
 * outside the timing.
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
        Multiprocessing.setStartMethod(StartMethod.COLD);
        out.accept(ResultLine.millis("process.start-join", "cold",
                Samples.collect(settings, ProcessStartJoin::startAndJoin)));
        Multiprocessing.setStartMethod(StartMethod.WARM);
        out.accept(ResultLine.millis("process.start-join", "warm", Samples.collect(settings, () -> {
            awaitSpare();
            return startAndJoin();
        })));
    }

    static void awaitSpare() throws InterruptedException {
        if (!Multiprocessing.context().prestart(Duration.ofSeconds(30))) {
            throw new IllegalStateException("no spare JVM within 30 s");
        }
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
