package org.multiprocessing4j.benchmarks;

import java.util.function.Consumer;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.SharedMemory;

/**
 * Workload {@code shm.block-1mib}: a named block of 1 MiB is created under a made-up name and
 * attached by that name (whose size is checked), both views are closed and the block is unlinked,
 * {@value #CYCLES} times per run, in one process; the result is the time of one cycle. Python's
 * side: {@code SharedMemory(create=True, size=...)}, {@code SharedMemory(name)}, {@code close()}
 * both, {@code unlink()}.
 */
final class SharedMemoryBlocks {

    static final int CYCLES = 1_000;
    static final int SIZE = 1 << 20;

    private SharedMemoryBlocks() {
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        ProcessContext mp = Multiprocessing.context();
        Samples samples = Samples.collect(settings, () -> {
            long begin = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                SharedMemory block = mp.sharedMemory(SIZE);
                SharedMemory attached = mp.attachSharedMemory(block.name());
                if (attached.size() != SIZE) {
                    throw new IllegalStateException("the attached view of " + block.name() + " has "
                            + attached.size() + " bytes");
                }
                attached.close();
                block.close();
                block.unlink();
            }
            return System.nanoTime() - begin;
        });
        out.accept(ResultLine.microsEach("shm.block-1mib", "block", samples, CYCLES));
    }
}
