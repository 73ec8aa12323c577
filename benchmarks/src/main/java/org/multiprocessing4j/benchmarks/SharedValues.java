package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedDouble;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedInt;

/**
 * Workloads of shared values and arrays, Python's {@code Value} and {@code Array}:
 * <ul>
 *   <li>{@code value.increment-1p}: one thread adds 1 to a {@link SharedInt} {@value #INCREMENTS}
 *       times per run with {@code incrementAndGet()}, atomic without a lock. Python's side:
 *       {@code with v.get_lock(): v.value += 1} on a {@code multiprocessing.Value('i')}.</li>
 *   <li>{@code value.locked-increment-2p}: two processes each add 1 to a {@link SharedInt}
 *       {@value #LOCKED_INCREMENTS} times, each time {@code lock(); set(get() + 1); unlock()} with
 *       the value's own lock; timed from the start signal until both have reported done, the
 *       workers started once, before the warm-up, as in {@code lock.contended-counter}. Python's
 *       side: the same with {@code get_lock()}.</li>
 *   <li>{@code array.sum-1m}: a child sums a {@link SharedDoubleArray} of {@value #ELEMENTS}
 *       elements with {@link SharedDoubleArray#getPlain}, in four partial sums, and sets the sum in
 *       a raw {@link SharedDouble}; timed from the request (a semaphore) until the child reports done
 *       (another), the child started once, before the warm-up. Python's side: the same with a
 *       {@code multiprocessing.Array('d', n)}, summed with {@code sum} over a {@code memoryview}
 *       of its buffer.</li>
 * </ul>
 */
final class SharedValues {

    static final int INCREMENTS = 1_000_000;
    static final int LOCKED_INCREMENTS = 200_000;
    static final int ELEMENTS = 1_000_000;
    private static final int WORKERS = 2;

    private SharedValues() {
    }

    static void increment(Settings settings, Consumer<String> out) throws Exception {
        SharedInt value = Multiprocessing.sharedInt(0);
        Samples samples = Samples.collect(settings, () -> {
            value.set(0);
            long begin = System.nanoTime();
            for (int i = 0; i < INCREMENTS; i++) {
                value.incrementAndGet();
            }
            long elapsed = System.nanoTime() - begin;
            check(value.get(), INCREMENTS);
            return elapsed;
        });
        out.accept(ResultLine.rate("value.increment-1p", "value", samples, INCREMENTS));
    }

    static void lockedIncrement(Settings settings, Consumer<String> out) throws Exception {
        SharedInt value = Multiprocessing.sharedInt(0);
        ProcessBarrier start = Multiprocessing.barrier(WORKERS + 1);
        ProcessSemaphore done = Multiprocessing.semaphore(0);
        int runs = settings.warmup() + settings.repetitions();
        List<ChildProcess> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            ChildProcess worker = Multiprocessing.process(() -> incrementUnderLock(value, start, done, runs));
            worker.start();
            workers.add(worker);
        }
        Samples samples = Samples.collect(settings, () -> {
            value.set(0);
            long begin = System.nanoTime();
            start.await();
            done.acquire(WORKERS);
            long elapsed = System.nanoTime() - begin;
            check(value.get(), WORKERS * LOCKED_INCREMENTS);
            return elapsed;
        });
        joinAll(workers);
        out.accept(ResultLine.rate("value.locked-increment-2p", "value", samples, (long) WORKERS * LOCKED_INCREMENTS));
    }

    /** A worker of {@code value.locked-increment-2p}: {@code runs} times, waits, increments, reports done. */
    private static void incrementUnderLock(SharedInt value, ProcessBarrier start, ProcessSemaphore done, int runs)
            throws Exception {
        RobustLock lock = value.lock();
        for (int run = 0; run < runs; run++) {
            start.await();
            for (int i = 0; i < LOCKED_INCREMENTS; i++) {
                lock.lock();
                value.set(value.get() + 1);
                lock.unlock();
            }
            done.release();
        }
    }

    static void arraySum(Settings settings, Consumer<String> out) throws Exception {
        SharedDoubleArray xs = Multiprocessing.sharedDoubleArray(ELEMENTS);
        for (int i = 0; i < ELEMENTS; i++) {
            xs.setPlain(i, i * 0.5);
        }
        SharedDouble sum = Multiprocessing.rawSharedDouble(0);
        ProcessSemaphore go = Multiprocessing.semaphore(0);
        ProcessSemaphore done = Multiprocessing.semaphore(0);
        int runs = settings.warmup() + settings.repetitions();
        ChildProcess child = Multiprocessing.process(() -> sumOnRequest(xs, sum, go, done, runs));
        child.start();
        double expected = 0.5 * ((double) ELEMENTS * (ELEMENTS - 1) / 2);
        Samples samples = Samples.collect(settings, () -> {
            sum.set(0);
            long begin = System.nanoTime();
            go.release();
            done.acquire();
            long elapsed = System.nanoTime() - begin;
            if (sum.get() != expected) {
                throw new IllegalStateException("the child summed " + sum.get() + ", not " + expected);
            }
            return elapsed;
        });
        joinAll(List.of(child));
        out.accept(ResultLine.millis("array.sum-1m", "array", samples));
    }

    /** The child of {@code array.sum-1m}: {@code runs} times, waits for a request, sums, reports done. */
    private static void sumOnRequest(SharedDoubleArray xs, SharedDouble sum, ProcessSemaphore go, ProcessSemaphore done,
            int runs) throws Exception {
        for (int run = 0; run < runs; run++) {
            go.acquire();
            sum.set(sum(xs));
            done.release();
        }
    }

    /**
     * The sum of the elements, in four partial sums of interleaved elements, so that each addition
     * need not wait for the one before (the elements are halves of integers below 2^53, so the sum
     * is exact in any order).
     */
    private static double sum(SharedDoubleArray elements) {
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        int n = elements.length();
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a += elements.getPlain(i);
            b += elements.getPlain(i + 1);
            c += elements.getPlain(i + 2);
            d += elements.getPlain(i + 3);
        }
        for (; i < n; i++) {
            a += elements.getPlain(i);
        }
        return (a + b) + (c + d);
    }

    private static void check(int counted, int expected) {
        if (counted != expected) {
            throw new IllegalStateException("lost increments: the value is " + counted + ", not " + expected);
        }
    }

    private static void joinAll(List<ChildProcess> children) throws InterruptedException {
        for (ChildProcess child : children) {
            child.join();
            if (child.exitCode() != 0) {
                throw new IllegalStateException(child + " exited with " + child.exitCode() + ": " + child.exception());
            }
        }
    }
}
