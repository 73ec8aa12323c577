package org.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A block mapped in chunks of 4 KiB reads and writes as one run of bytes, as 1 GiB chunks do. */
class BlockMappingTest {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final long SIZE = 3 * CHUNK + 100;

    @TempDir
    Path dir;

    private BlockMapping chunked(String file) throws Exception {
        try (FileChannel channel = FileChannel.open(dir.resolve(file), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new BlockMapping(channel, SIZE, SHIFT);
        }
    }

    @Test
    void aNewFileGrowsToTheWholeSizeAndReadsAsZeros() throws Exception {
        BlockMapping block = chunked("block");
        assertThat(Files.size(dir.resolve("block"))).isEqualTo(SIZE);
        assertThat(block.size()).isEqualTo(SIZE);
        assertThat(block.getByte(SIZE - 1)).isZero();
        assertThat(block.getLong(SIZE - Long.BYTES)).isZero();
    }

    @Test
    void valuesAcrossAChunkBoundaryAreWholeAndInNativeOrderInTheFile() throws Exception {
        BlockMapping block = chunked("block");
        long[] offsets = {CHUNK - 1, CHUNK - 4, 2L * CHUNK - 7, 2L * CHUNK, SIZE - Long.BYTES};
        for (long offset : offsets) {
            block.putLong(offset, 0x0102030405060708L + offset);
        }
        block.putInt(3L * CHUNK - 2, 0x11223344);
        block.putDouble(CHUNK - 3, Math.PI);

        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("block"))).order(ByteOrder.nativeOrder());
        assertThat(block.getDouble(CHUNK - 3)).isEqualTo(Math.PI);
        assertThat(file.getDouble(CHUNK - 3)).isEqualTo(Math.PI);
        assertThat(block.getInt(3L * CHUNK - 2)).isEqualTo(0x11223344);
        assertThat(file.getInt(3 * CHUNK - 2)).isEqualTo(0x11223344);
        assertThat(block.getLong(SIZE - Long.BYTES)).isEqualTo(0x0102030405060708L + SIZE - Long.BYTES);
        assertThat(file.getLong((int) SIZE - Long.BYTES)).isEqualTo(0x0102030405060708L + SIZE - Long.BYTES);
    }

    @Test
    void bulkCopiesSpanChunks() throws Exception {
        BlockMapping block = chunked("block");
        byte[] bytes = new byte[2 * CHUNK + 10];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        block.put(CHUNK - 5, bytes, 0, bytes.length);

        byte[] back = new byte[bytes.length + 2];
        block.get(CHUNK - 6, back, 1, bytes.length + 1);
        assertThat(Arrays.copyOfRange(back, 2, back.length)).isEqualTo(bytes);
        assertThat(Arrays.copyOfRange(Files.readAllBytes(dir.resolve("block")), CHUNK - 5, CHUNK - 5 + bytes.length))
                .isEqualTo(bytes);
    }

    @Test
    void everyAccessOutsideTheBlockIsRefused() throws Exception {
        BlockMapping block = chunked("block");
        assertThatThrownBy(() -> block.getByte(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> block.getByte(SIZE)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> block.putInt(SIZE - 3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> block.getLong(SIZE - 7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> block.put(SIZE - 1, new byte[2], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> block.get(0, new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(block::buffer).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("long offsets");
    }

    @Test
    void aDetachedMappingRefusesUseAndItsBuffersNoLongerReachTheFile() throws Exception {
        BlockMapping block;
        try (FileChannel channel = FileChannel.open(dir.resolve("single"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            block = new BlockMapping(channel, 3 * CHUNK);
        }
        ByteBuffer view = block.buffer();
        assertThat(view.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(view.capacity()).isEqualTo(3 * CHUNK);
        view.put(10, (byte) 7);
        assertThat(block.getByte(10)).isEqualTo((byte) 7);

        block.detach();
        block.detach();

        assertThat(block.isDetached()).isTrue();
        assertThatThrownBy(() -> block.getByte(10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(block::buffer).isInstanceOf(IllegalStateException.class);
        view.put(11, (byte) 8);
        byte[] file = Files.readAllBytes(dir.resolve("single"));
        assertThat(file[10]).isEqualTo((byte) 7);
        assertThat(file[11]).isZero();
    }
}
