package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Named blocks made, attached, closed and unlinked by the hundred thousand leave nothing growing. */
@Timeout(300)
class BlockLifetimeIT {

    private final ProcessContext mp = ProcessContext.local();

    @Test
    void aHundredThousandBlocksMadeAttachedClosedAndUnlinkedKeepMappingsAndShmBounded() throws Exception {
        long shmBefore = shmEntries();
        int mapsBefore = mappings();
        int most = 0;
        for (int i = 0; i < 100_000; i++) {
            SharedMemory made = mp.sharedMemory(4096);
            made.putInt(0, i);
            try (SharedMemory attached = mp.attachSharedMemory(made.name())) {
                assertThat(attached.getInt(0)).isEqualTo(i);
            }
            made.close();
            made.unlink();
            if (i % 10_000 == 0) {
                most = Math.max(most, mappings() - mapsBefore);
            }
        }
        // without unmapping, 200 000 mappings: past the kernel's 65 530
        assertThat(most).isLessThan(20_000);
        assertThat(shmEntries()).isLessThanOrEqualTo(shmBefore);
    }

    private static int mappings() throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return (int) maps.count();
        }
    }

    /** Entries in /dev/shm: blocks, and session directories of running programs. */
    private static long shmEntries() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/dev/shm"))) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("psm_")).count();
        }
    }
}
