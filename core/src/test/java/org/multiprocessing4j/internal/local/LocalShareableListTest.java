package org.multiprocessing4j.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ShareableList;
import org.multiprocessing4j.SharedMemory;
import org.multiprocessing4j.internal.shm.ShareableListLayout;

/** The local backend's shareable lists where the contract cannot reach: dead writers, the largest slots. */
class LocalShareableListTest {

    /** The owner word of a pid above Linux's largest: a process that is not running. */
    private static final long DEAD_OWNER = 0x7FFF_FFF0L << 32;

    private final ProcessContext mp = ProcessContext.local();

    @Test
    void aWriterThatDiedInMidWriteLeavesTheOldValueAndItsTurnToTheNextWriter() {
        ShareableList list = mp.shareableList(List.of("before", 1L));
        try {
            SharedMemory block = list.shm();
            long record = block.getLong(ShareableListLayout.entry(0));
            // what a writer killed while filling the other slot leaves behind
            block.putLong(record + ShareableListLayout.WRITER, DEAD_OWNER);
            long half = ShareableListLayout.slot(record, list.capacity(0), 1);
            block.putInt(half + ShareableListLayout.SLOT_TYPE, ShareableListLayout.STRING);
            block.putInt(half + ShareableListLayout.SLOT_LENGTH, 1 << 20);

            assertThat(list.get(0)).isEqualTo("before");
            assertThat(list.set(0, "after")).isEqualTo("before");
            assertThat(list.get(0)).isEqualTo("after");
            assertThat(block.getLong(record + ShareableListLayout.WRITER)).as("the turn is given back").isZero();
        } finally {
            list.close();
            list.unlink();
        }
    }

    @Test
    void aSlotOverTheLargestCapacityIsRefusedNamingIt() {
        assertThatThrownBy(() -> mp.shareableList(List.of(), Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(ShareableListLayout.MOST_CAPACITY));
    }

    @Test
    void itemsBeyond4GiBInTheBlockAreReadAndWrittenByLongOffsets() {
        long slot = 1L << 30;
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm), "no /dev/shm on this machine");
        // tmpfs takes pages as they are written: the block costs a few pages
        ShareableList list = mp.shareableList(List.of("first", 2L, "third"), (int) slot);
        try {
            assertThat(list.shm().size()).isGreaterThan(5 * slot);
            list.set(2, "the last item, beyond 4 GiB");
            list.set(1, 3.5);
            assertThat(list).containsExactly("first", 3.5, "the last item, beyond 4 GiB");
        } finally {
            list.close();
            list.unlink();
        }
    }
}
