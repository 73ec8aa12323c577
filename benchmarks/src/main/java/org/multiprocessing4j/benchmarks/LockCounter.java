package org.multiprocessing4j.benchmarks;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessSemaphore;

/**
 * Workload {@code lock.contended-counter}: two processes each add 1 to a counter in shared memory
 * {@value #INCREMENTS} times, taking a lock shared by processes around each increment. A run is
 * timed in the parent from the start signal until both have reported done; the two worker
 * processes are started once, before the warm-up, and stay for every run. Python's side: the
 * same with a {@code multiprocessing.Lock} and a {@code multiprocessing.Value('i', lock=False)};
 * here the counter is an {@code int} in a file under {@code /dev/shm}, mapped by both workers.
 */
final class LockCounter {

    static final int INCREMENTS = 500_000;
    private static final int WORKERS = 2;

    private LockCounter() {
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        Path file = Files.createTempFile(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir")), "mp4j-counter-", ".bin");
        try {
            measure(settings, out, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void measure(Settings settings, Consumer<String> out, Path file) throws Exception {
        ProcessLock lock = Multiprocessing.lock();
        ProcessBarrier start = Multiprocessing.barrier(WORKERS + 1);
        ProcessSemaphore done = Multiprocessing.semaphore(0);
        int runs = settings.warmup() + settings.repetitions();
        String path = file.toString();
        List<ChildProcess> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            ChildProcess worker = Multiprocessing.process(() -> increment(lock, path, start, done, runs));
            worker.start();
            workers.add(worker);
        }
        MappedByteBuffer counter = map(path);
        Samples samples = Samples.collect(settings, () -> {
            counter.putInt(0, 0);
            long begin = System.nanoTime();
            start.await();
            done.acquire(WORKERS);
            long elapsed = System.nanoTime() - begin;
            if (counter.getInt(0) != WORKERS * INCREMENTS) {
                throw new IllegalStateException("lost increments: the counter is " + counter.getInt(0));
            }
            return elapsed;
        });
        for (ChildProcess worker : workers) {
            worker.join();
        }
        out.accept(ResultLine.rate("lock.contended-counter", "lock", samples, (long) WORKERS * INCREMENTS));
    }

    /** A worker: {@code runs} times, waits for the start, increments, reports done. */
    private static void increment(ProcessLock lock, String path, ProcessBarrier start, ProcessSemaphore done, int runs)
            throws Exception {
        MappedByteBuffer counter = map(path);
        for (int run = 0; run < runs; run++) {
            start.await();
            for (int i = 0; i < INCREMENTS; i++) {
                lock.lock();
                counter.putInt(0, counter.getInt(0) + 1);
                lock.unlock();
            }
            done.release();
        }
    }

    private static MappedByteBuffer map(String path) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, Integer.BYTES);
        }
    }
}
