package org.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A named block of shared memory as one process maps it, read and written by {@code long}
 * offsets.
 *
 * <p>Design note. A {@link ByteBuffer} reaches at most 2 GiB - 1 bytes, and Java 17 has no
 * {@code MemorySegment}. A block up to that size is one mapping; a larger one is mapped in chunks of
 * 1 GiB, chunk {@code i} covering the block from {@code i << 30}. Each chunk's mapping reaches
 * {@value #OVERLAP} bytes into the next, so that an {@code int}, {@code long} or {@code double} at
 * any offset lies whole in the chunk of its first byte; only bulk copies cross from one chunk to
 * the next. Both cases share one code path: a single mapping is a chunk of 2 GiB.
 *
 * <p>A view of a block extends this class with what it knows besides the memory.
 *
 * <p>Closing. The JDK unmaps a mapping only when its buffer is collected, and unmapping it any
 * earlier would crash the JVM at the next access of a thread that still reads it, or of a buffer
 * handed out by {@link #buffer()}. {@link #detach()} instead puts private zero pages in the place
 * of the file's pages, in one system call: every buffer stays valid memory, but no longer reaches
 * the block, whose memory the system frees once no process maps it and it is unlinked, without
 * waiting for a collection. The address range is given back when the JDK unmaps it. Where that call
 * is not available (not Linux, JNA missing), the file's pages stay mapped until the buffers are
 * collected.
 */
public class BlockMapping {

    private static final int CHUNK_SHIFT = 30;
    /** A block up to 2 GiB - 1 bytes is one chunk. */
    private static final int SINGLE_SHIFT = 31;
    private static final int OVERLAP = Long.BYTES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ORDER);

    private final long size;
    private final int shift;
    private final long mask;
    private volatile ByteBuffer[] chunks;

    /**
     * Maps the first {@code size} bytes of a block's file, growing the file to that size if it is
     * shorter.
     *
     * @param channel the file, open for reading and writing; it may be closed afterwards
     * @param size the bytes to map, at least 1
     * @throws IOException if the file cannot be mapped
     */
    protected BlockMapping(FileChannel channel, long size) throws IOException {
        this(channel, size, size <= Integer.MAX_VALUE ? SINGLE_SHIFT : CHUNK_SHIFT);
    }

    /** Maps {@code size} bytes in chunks of {@code 1 << shift} bytes; tests take small chunks. */
    BlockMapping(FileChannel channel, long size, int shift) throws IOException {
        this.size = size;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        ByteBuffer[] mapped = new ByteBuffer[(int) (((size - 1) >>> shift) + 1)];
        // the last chunk first: mapping it grows a new file to its whole size
        for (int i = mapped.length - 1; i >= 0; i--) {
            long position = (long) i << shift;
            long length = Math.min(size - position, (1L << shift) + OVERLAP);
            mapped[i] = channel.map(FileChannel.MapMode.READ_WRITE, position, length).order(ORDER);
        }
        this.chunks = mapped;
    }

    public long size() {
        return size;
    }

    /**
     * The whole block as a buffer of its own (position 0, limit and capacity its size, native byte
     * order), sharing the block's memory.
     *
     * @return the buffer
     * @throws UnsupportedOperationException if the block is larger than a buffer can be
     */
    public ByteBuffer buffer() {
        ByteBuffer[] mapped = chunks();
        if (mapped.length > 1) {
            throw new UnsupportedOperationException("a ByteBuffer holds at most 2 GiB - 1 bytes and this block has "
                    + size + ": read and write it by long offsets (getByte, get, put, getLong...)");
        }
        return mapped[0].duplicate().order(ORDER);
    }

    public byte getByte(long offset) {
        Objects.checkIndex(offset, size);
        return chunk(offset).get(within(offset));
    }

    public void putByte(long offset, byte value) {
        Objects.checkIndex(offset, size);
        chunk(offset).put(within(offset), value);
    }

    public int getInt(long offset) {
        Objects.checkFromIndexSize(offset, Integer.BYTES, size);
        return chunk(offset).getInt(within(offset));
    }

    public void putInt(long offset, int value) {
        Objects.checkFromIndexSize(offset, Integer.BYTES, size);
        chunk(offset).putInt(within(offset), value);
    }

    public long getLong(long offset) {
        Objects.checkFromIndexSize(offset, Long.BYTES, size);
        return chunk(offset).getLong(within(offset));
    }

    public void putLong(long offset, long value) {
        Objects.checkFromIndexSize(offset, Long.BYTES, size);
        chunk(offset).putLong(within(offset), value);
    }

    public double getDouble(long offset) {
        Objects.checkFromIndexSize(offset, Double.BYTES, size);
        return chunk(offset).getDouble(within(offset));
    }

    public void putDouble(long offset, double value) {
        Objects.checkFromIndexSize(offset, Double.BYTES, size);
        chunk(offset).putDouble(within(offset), value);
    }

    /**
     * Reads the {@code long} at {@code offset} with the memory effects of a volatile read: for words
     * that several processes update, such as a lock's or a version's.
     *
     * @param offset a multiple of 8, as atomic access requires (a chunk begins at one, so the word
     *     is whole in one chunk)
     * @return the value
     * @throws IllegalStateException if {@code offset} is not a multiple of 8
     */
    public long getLongVolatile(long offset) {
        Objects.checkFromIndexSize(offset, Long.BYTES, size);
        return (long) LONG.getVolatile(chunk(offset), within(offset));
    }

    /** Writes the {@code long} at {@code offset}, a multiple of 8, with the memory effects of a volatile write. */
    public void putLongVolatile(long offset, long value) {
        Objects.checkFromIndexSize(offset, Long.BYTES, size);
        LONG.setVolatile(chunk(offset), within(offset), value);
    }

    /** Sets the {@code long} at {@code offset}, a multiple of 8, to {@code value} if it is {@code expected}, atomically. */
    public boolean compareAndSetLong(long offset, long expected, long value) {
        Objects.checkFromIndexSize(offset, Long.BYTES, size);
        return LONG.compareAndSet(chunk(offset), within(offset), expected, value);
    }

    /** Copies {@code length} bytes from the block at {@code offset} into {@code array} at {@code at}. */
    public void get(long offset, byte[] array, int at, int length) {
        copy(offset, array, at, length, false);
    }

    /** Copies {@code length} bytes of {@code array} from {@code at} into the block at {@code offset}. */
    public void put(long offset, byte[] array, int at, int length) {
        copy(offset, array, at, length, true);
    }

    private void copy(long offset, byte[] array, int at, int length, boolean intoBlock) {
        Objects.checkFromIndexSize(at, length, array.length);
        Objects.checkFromIndexSize(offset, length, size);
        ByteBuffer[] mapped = chunks();
        while (length > 0) {
            int within = within(offset);
            int piece = (int) Math.min(length, mask + 1 - within);
            ByteBuffer chunk = mapped[(int) (offset >>> shift)];
            if (intoBlock) {
                chunk.put(within, array, at, piece);
            } else {
                chunk.get(within, array, at, piece);
            }
            offset += piece;
            at += piece;
            length -= piece;
        }
    }

    private ByteBuffer chunk(long offset) {
        return chunks()[(int) (offset >>> shift)];
    }

    private int within(long offset) {
        return (int) (offset & mask);
    }

    private ByteBuffer[] chunks() {
        ByteBuffer[] mapped = chunks;
        if (mapped == null) {
            throw new IllegalStateException("this view of the shared memory block is closed");
        }
        return mapped;
    }

    /** Whether {@link #detach()} has been called. */
    public boolean isDetached() {
        return chunks == null;
    }

    /**
     * Lets go of the block: from now on the methods that read, write or give a buffer throw
     * {@link IllegalStateException}, and buffers handed out before no longer reach the block (see
     * the class comment). Does nothing the second time.
     */
    public void detach() {
        ByteBuffer[] mapped;
        synchronized (this) {
            mapped = chunks;
            chunks = null;
        }
        if (mapped != null && Pages.MMAP != null) {
            for (ByteBuffer chunk : mapped) {
                Pages.MMAP.replaceWithPrivatePages(chunk);
            }
        }
    }

    /** Bound on the first detach, on a thread of its own (see {@link NativeLoading}). */
    private static final class Pages {
        static final LinuxMmap MMAP = NativeLoading.aside("mmap", new Callable<LinuxMmap>() {
            @Override
            public LinuxMmap call() {
                return LinuxMmap.load();
            }
        });
    }
}
