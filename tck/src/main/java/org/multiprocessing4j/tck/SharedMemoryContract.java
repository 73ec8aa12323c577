package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InvalidObjectException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.SharedMemory;

/**
 * Named shared-memory blocks in one process: names as POSIX and CPython have them, sizes, reading
 * and writing by offset and through a buffer, closing and unlinking, and the exceptions of each; a
 * block over 2 GiB, where the machine has room for one.
 */
@Timeout(120)
public abstract class SharedMemoryContract extends ContextContract {

    /** A name no other test, or run, uses. */
    static String freshName() {
        return "contract-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    static String text(SharedMemory block, long offset, int length) {
        byte[] bytes = new byte[length];
        block.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Closes the view and unlinks its block, for the end of a test. */
    static void discard(SharedMemory block) {
        block.close();
        block.unlink();
    }

    @Test
    void aBlockAttachedByNameSeesTheCreatorsBytesAndItsWrites() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(4096);
        try (SharedMemory same = mp.attachSharedMemory(block.name())) {
            block.put(0, "hello".getBytes(StandardCharsets.UTF_8));
            assertThat(same.name()).isEqualTo(block.name());
            assertThat(same.size()).isEqualTo(4096);
            assertThat(text(same, 0, 5)).isEqualTo("hello");
            same.putLong(8, 1234567890123L);
            assertThat(block.getLong(8)).isEqualTo(1234567890123L);
        } finally {
            discard(block);
        }
    }

    @Test
    void aNewBlockIsZerosOfTheSizeAskedForUnderAMadeUpNameLikeCPythons() {
        SharedMemory block = context().sharedMemory(10_000);
        try {
            assertThat(block.name()).matches("psm_[0-9a-f]{8}");
            assertThat(block.size()).isEqualTo(10_000);
            byte[] all = new byte[10_000];
            block.get(0, all);
            assertThat(all).containsOnly(0);
            SharedMemory another = context().sharedMemory(1);
            assertThat(another.name()).isNotEqualTo(block.name());
            discard(another);
        } finally {
            discard(block);
        }
    }

    @Test
    void aLeadingSlashIsAcceptedAndDroppedAsCPythonAndTheCLibraryDo() throws Exception {
        ProcessContext mp = context();
        String name = freshName();
        SharedMemory block = mp.sharedMemory("/" + name, 64);
        try (SharedMemory bare = mp.attachSharedMemory(name); SharedMemory slashed = mp.attachSharedMemory("/" + name)) {
            assertThat(block.name()).isEqualTo(name);
            assertThat(slashed.name()).isEqualTo(name);
            block.putInt(0, 77);
            assertThat(bare.getInt(0)).isEqualTo(77);
            assertThat(slashed.getInt(0)).isEqualTo(77);
        } finally {
            discard(block);
        }
    }

    @Test
    void intsLongsAndDoublesAreInNativeOrderAndTheBufferSeesThem() {
        SharedMemory block = context().sharedMemory(64);
        try {
            block.putInt(0, 0x01020304);
            block.putLong(8, -2L);
            block.putDouble(16, 0.1);
            ByteBuffer buffer = block.buffer();
            assertThat(buffer.order()).isEqualTo(ByteOrder.nativeOrder());
            assertThat(buffer.position()).isZero();
            assertThat(buffer.limit()).isEqualTo(64);
            assertThat(buffer.capacity()).isEqualTo(64);
            assertThat(buffer.getInt(0)).isEqualTo(0x01020304);
            assertThat(buffer.getLong(8)).isEqualTo(-2L);
            assertThat(buffer.getDouble(16)).isEqualTo(0.1);
            buffer.put(24, (byte) 9);
            assertThat(block.getByte(24)).isEqualTo((byte) 9);
            assertThat(block.buffer()).isNotSameAs(buffer);
        } finally {
            discard(block);
        }
    }

    @Test
    void aClosedViewRefusesUseButNotItsNameWhileTheBlockLivesOn() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(128);
        ByteBuffer before = block.buffer();
        block.putByte(0, (byte) 5);
        block.close();
        block.close();
        try {
            assertThatThrownBy(() -> block.getByte(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> block.putLong(0, 1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> block.get(0, new byte[1])).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(block::buffer).isInstanceOf(IllegalStateException.class);
            assertThat(block.size()).isEqualTo(128);
            // a buffer given before the close is still memory: using it does not fail
            before.get(0);
            before.put(1, (byte) 1);
            try (SharedMemory again = mp.attachSharedMemory(block.name())) {
                assertThat(again.getByte(0)).isEqualTo((byte) 5);
            }
        } finally {
            assertThat(block.unlink()).isTrue();
        }
    }

    @Test
    void anUnlinkedBlockCannotBeAttachedWhileItsViewsKeepSharingItsMemory() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(4096);
        SharedMemory other = mp.attachSharedMemory(block.name());
        try {
            assertThat(block.unlink()).isTrue();
            assertThat(block.unlink()).isFalse();
            assertThat(other.unlink()).isFalse();
            assertThatThrownBy(() -> mp.attachSharedMemory(block.name())).isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining(block.name());
            block.putInt(100, 42);
            assertThat(other.getInt(100)).isEqualTo(42);
        } finally {
            block.close();
            other.close();
        }
    }

    @Test
    void unlinkingAViewLeavesANewBlockOfTheSameNameAlone() throws Exception {
        ProcessContext mp = context();
        String name = freshName();
        SharedMemory first = mp.sharedMemory(name, 16);
        first.unlink();
        SharedMemory second = mp.sharedMemory(name, 32);
        try {
            assertThat(first.unlink()).isFalse();
            try (SharedMemory attached = mp.attachSharedMemory(name)) {
                assertThat(attached.size()).isEqualTo(32);
            }
        } finally {
            first.close();
            discard(second);
        }
    }

    @Test
    void creatingATakenNameAndAttachingAMissingOneThrowTheFileExceptions() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(freshName(), 8);
        try {
            assertThatThrownBy(() -> mp.sharedMemory(block.name(), 8)).isInstanceOf(FileAlreadyExistsException.class)
                    .hasMessageContaining(block.name());
            String missing = freshName();
            assertThatThrownBy(() -> mp.attachSharedMemory(missing)).isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining(missing);
        } finally {
            discard(block);
        }
    }

    @Test
    void sizesBelowOneAndNamesNoBlockCanHaveAreRefused() {
        ProcessContext mp = context();
        assertThatThrownBy(() -> mp.sharedMemory(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mp.sharedMemory(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mp.sharedMemory(freshName(), 0)).isInstanceOf(IllegalArgumentException.class);
        for (String name : new String[] {"", "/", "a/b", "..", "x".repeat(256), "tab\there"}) {
            assertThatThrownBy(() -> mp.sharedMemory(name, 8)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot name a shared memory block");
            assertThatThrownBy(() -> mp.attachSharedMemory(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> mp.sharedMemory(null, 8, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void testSharedMemoryNameWithEmbeddedNull_aNameWithANulCharacterIsRefusedForCreatingAndAttaching()
            throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(freshName(), 512);
        try {
            assertThatThrownBy(() -> mp.attachSharedMemory(block.name() + "\0a"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
            assertThatThrownBy(() -> mp.sharedMemory(block.name() + "\0a", 512))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            discard(block);
        }
    }

    @Test
    void testSharedMemoryPickleUnpickle_aBlockSerializedAndReadBackIsAnotherViewOfTheSameBytes() throws Exception {
        SharedMemory block = context().sharedMemory(512);
        try {
            block.put(0, "pickle".getBytes(StandardCharsets.UTF_8));
            SharedMemory copy = roundTrip(block);
            assertThat(copy).isNotSameAs(block);
            assertThat(copy.name()).isEqualTo(block.name());
            assertThat(text(copy, 0, 6)).isEqualTo("pickle");
            block.put(0, "newval".getBytes(StandardCharsets.UTF_8));
            assertThat(text(copy, 0, 6)).isEqualTo("newval");
            copy.put(0, "oldval".getBytes(StandardCharsets.UTF_8));
            assertThat(text(block, 0, 6)).isEqualTo("oldval");
            copy.close();
        } finally {
            discard(block);
        }
    }

    @Test
    void testSharedMemoryPickleUnpickleDeadObject_aBlockSerializedAndThenUnlinkedCannotBeReadBack()
            throws Exception {
        SharedMemory block = context().sharedMemory(512);
        byte[] serialized;
        try {
            serialized = serialized(block);
        } finally {
            discard(block);
        }
        assertThatThrownBy(() -> deserialized(serialized)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining(block.name()).hasMessageContaining("unlinked");
    }

    @Test
    void accessesOutsideTheBlockThrowIndexOutOfBounds() {
        SharedMemory block = context().sharedMemory(100);
        try {
            assertThatThrownBy(() -> block.getByte(-1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> block.getByte(100)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> block.putByte(100, (byte) 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> block.getInt(97)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> block.putLong(93, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> block.getDouble(Long.MAX_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> block.get(90, new byte[11])).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> block.put(0, new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            block.putLong(92, 3);
            block.put(90, new byte[10]);
            assertThat(block.getLong(92)).isZero();
        } finally {
            discard(block);
        }
    }

    @Test
    void aBlockOver2GiBIsReadAndWrittenByLongOffsetsInThisProcessAndAChild() throws Exception {
        long size = (1L << 31) + (1 << 20);
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm), "no /dev/shm on this machine");
        long room = Files.getFileStore(shm).getUsableSpace();
        assumeTrue(room >= size, "/dev/shm has room for " + room + " bytes, not the " + size + " of the block");
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(size);
        try {
            assertThat(block.size()).isEqualTo(size);
            assertThatThrownBy(block::buffer).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("long offsets");
            // a few pages only: a value across 1 GiB, bytes across 2 GiB, values around them and at the end
            long[] offsets = {(1L << 30) - 3, (1L << 31) - 40, (1L << 31) + 20, size - Long.BYTES};
            for (long offset : offsets) {
                block.putLong(offset, offset * 3);
            }
            block.put((1L << 31) - 8, "across 2 GiB, too".getBytes(StandardCharsets.UTF_8));
            block.putByte(size - 9, (byte) -1);
            String name = block.name();
            ChildProcess child = start(() -> {
                try (SharedMemory seen = mp.attachSharedMemory(name)) {
                    for (long offset : offsets) {
                        if (seen.getLong(offset) != offset * 3) {
                            throw new IllegalStateException("the child read " + seen.getLong(offset) + " at " + offset);
                        }
                    }
                    if (!text(seen, (1L << 31) - 8, 17).equals("across 2 GiB, too") || seen.getByte(size - 9) != -1) {
                        throw new IllegalStateException("the child read other bytes across 2 GiB or at the end");
                    }
                    seen.putDouble(size - 100, 2.5);
                }
            });
            assertExitsCleanly(child);
            assertThat(block.getDouble(size - 100)).isEqualTo(2.5);
        } finally {
            discard(block);
        }
    }
}
