package org.multiprocessing4j.benchmarks;

import java.util.function.Consumer;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessLock;

/**
 * Workload {@code lock.uncontended}: one thread of one process takes and releases a lock shared by
 * processes, {@value #OPERATIONS} times per run; one operation is a {@code lock()} plus an
 * {@code unlock()}. Python's side: {@code lock.acquire(); lock.release()} on a
 * {@code multiprocessing.Lock}.
 */
final class LockUncontended {

    static final int OPERATIONS = 1_000_000;

    private LockUncontended() {
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        ProcessLock lock = Multiprocessing.lock();
        Samples samples = Samples.collect(settings, () -> {
            long begin = System.nanoTime();
            for (int i = 0; i < OPERATIONS; i++) {
                lock.lock();
                lock.unlock();
            }
            return System.nanoTime() - begin;
        });
        out.accept(ResultLine.rate("lock.uncontended", "lock", samples, OPERATIONS));
    }
}
