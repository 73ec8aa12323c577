package org.multiprocessing4j;

import java.nio.ByteBuffer;

/**
 * A named block of memory shared by processes: Python's
 * {@code multiprocessing.shared_memory.SharedMemory}. This object is one process's view of the
 * block; every view of the same name, in any process, reads and writes the same bytes.
 *
 * <pre>{@code
 * try (SharedMemory block = mp.sharedMemory(1 << 20)) {      // SharedMemory(create=True, size=...)
 *     block.put(0, "hello".getBytes(UTF_8));
 *     mp.process(() -> System.out.println(block.getByte(0))).start();   // 104, in the child
 *     ...
 * }
 * }</pre>
 *
 * <h2>Names</h2>
 * On the local backend a block is a POSIX shared-memory object, the file {@code /dev/shm/<name>} on
 * Linux, named as CPython names it: a block this library made is attached by CPython's
 * {@code SharedMemory(name)}, and a block CPython made by {@link ProcessContext#attachSharedMemory}.
 * A made-up name is {@code psm_} and 8 hexadecimal digits, as CPython's are. A name is 1 to 255
 * bytes in UTF-8, without {@code '/'}, control characters, or the names {@code "."} and
 * {@code ".."}; leading slashes are accepted and dropped, as the C library drops them, so
 * {@code "/frames"} names the block {@code "frames"}.
 *
 * <h2>Reading and writing</h2>
 * Bytes, {@code int}s, {@code long}s and {@code double}s are read and written at {@code long}
 * offsets within the block, for blocks of any size, in the machine's native byte order (the order
 * of CPython's {@code struct} without a prefix, and of numpy arrays over a block).
 * {@link #buffer()} gives a {@link ByteBuffer} over the whole block, for blocks up to 2 GiB - 1
 * bytes. The accesses are plain, as a {@code ByteBuffer}'s are: another process sees what this one
 * wrote once the two have handed over through a lock, queue, pipe, event or other primitive of the
 * library (a write before the hand-off happens-before a read after it, across processes as across
 * threads), not by itself. A view may be used by many threads at once.
 *
 * <h2>Ownership</h2>
 * The process that creates a block owns it; attaching, in any process, never makes the attacher
 * an owner (CPython before 3.13 lets a process that merely attached destroy the block when it
 * exits; this library never does). Closing a view detaches this process from the block;
 * {@linkplain #unlink() unlinking} removes the block's name, after which no process can attach it,
 * while the processes that still have views go on using its memory until they close them, as
 * POSIX's {@code shm_unlink} does. The memory is freed once the block is unlinked and no process
 * has it open. A block whose owner does not unlink it is unlinked when the owner exits, as
 * CPython's resource tracker unlinks the blocks of its process; on the local backend after a kill
 * too, by one of the owner's children as it notices the owner is gone, or else by the next process
 * on the machine that starts a child or creates something shared. A block created with
 * {@link Lifetime#UNTIL_UNLINKED} outlives its creator instead, until a process unlinks it or the
 * machine restarts.
 *
 * <h2>Across processes</h2>
 * A view captured by a child's target, sent through a queue or pipe, or passed to a pool's task
 * crosses as the block's name: the receiving process attaches the block, as an attacher, with a
 * view of its own, which it may close. It fails to attach if the block has been unlinked by then,
 * or its owner has exited.
 */
public interface SharedMemory extends AutoCloseable {

    /** How long a block lives if no process unlinks it. */
    enum Lifetime {
        /**
         * Until its creator's process exits (even killed): Python's {@code SharedMemory} with its
         * default {@code track=True}.
         */
        CREATOR,
        /**
         * Until a process unlinks it, or the machine restarts: Python's {@code track=False} on the
         * creating side.
         */
        UNTIL_UNLINKED
    }

    /**
     * The block's name, as {@link ProcessContext#attachSharedMemory} takes it: without a leading
     * slash, as CPython's {@code SharedMemory.name} reports it.
     *
     * @return the name
     */
    String name();

    /**
     * The block's size in bytes: the size of its file, which is the size its creator asked for when
     * this library or CPython on Linux made it (CPython on macOS rounds it up to whole pages). A
     * view that attached a block sees the same size.
     *
     * @return the size, at least 1
     */
    long size();

    /**
     * A new buffer over the whole block: position 0, limit and capacity {@link #size()}, native
     * byte order. Each call returns a buffer of its own, whose position and limit are the
     * caller's; the bytes are the block's. Once the view is closed, a buffer it gave no longer
     * reaches the block (on the local backend on Linux, it reads zeros and its writes go nowhere
     * another process sees), but using it never fails.
     *
     * @return the buffer
     * @throws UnsupportedOperationException if the block has more than {@code Integer.MAX_VALUE}
     *     bytes: read and write it by {@code long} offsets instead
     * @throws IllegalStateException if this view is closed
     */
    ByteBuffer buffer();

    /**
     * Reads the byte at {@code offset}.
     *
     * @param offset from 0 to {@code size() - 1}
     * @return the byte
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    byte getByte(long offset);

    /**
     * Writes the byte at {@code offset}.
     *
     * @param offset from 0 to {@code size() - 1}
     * @param value the byte
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    void putByte(long offset, byte value);

    /**
     * Copies {@code length} bytes of the block from {@code offset} into {@code destination} from
     * {@code at}.
     *
     * @param offset where the bytes begin in the block
     * @param destination where they go
     * @param at where they go in {@code destination}
     * @param length how many
     * @throws IndexOutOfBoundsException if either range is out of bounds
     * @throws IllegalStateException if this view is closed
     */
    void get(long offset, byte[] destination, int at, int length);

    /**
     * Fills {@code destination} with the bytes of the block from {@code offset}.
     *
     * @param offset where the bytes begin in the block
     * @param destination where they go
     * @throws IndexOutOfBoundsException if the block has fewer bytes from {@code offset}
     * @throws IllegalStateException if this view is closed
     */
    default void get(long offset, byte[] destination) {
        get(offset, destination, 0, destination.length);
    }

    /**
     * Copies {@code length} bytes of {@code source} from {@code at} into the block at
     * {@code offset}.
     *
     * @param offset where the bytes go in the block
     * @param source the bytes
     * @param at where they begin in {@code source}
     * @param length how many
     * @throws IndexOutOfBoundsException if either range is out of bounds
     * @throws IllegalStateException if this view is closed
     */
    void put(long offset, byte[] source, int at, int length);

    /**
     * Copies all of {@code source} into the block at {@code offset}.
     *
     * @param offset where the bytes go in the block
     * @param source the bytes
     * @throws IndexOutOfBoundsException if the block has fewer bytes from {@code offset}
     * @throws IllegalStateException if this view is closed
     */
    default void put(long offset, byte[] source) {
        put(offset, source, 0, source.length);
    }

    /**
     * Reads the {@code int} of the 4 bytes at {@code offset}, in native byte order.
     *
     * @param offset from 0 to {@code size() - 4}
     * @return the value
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    int getInt(long offset);

    /**
     * Writes an {@code int} in the 4 bytes at {@code offset}, in native byte order.
     *
     * @param offset from 0 to {@code size() - 4}
     * @param value the value
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    void putInt(long offset, int value);

    /**
     * Reads the {@code long} of the 8 bytes at {@code offset}, in native byte order.
     *
     * @param offset from 0 to {@code size() - 8}
     * @return the value
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    long getLong(long offset);

    /**
     * Writes a {@code long} in the 8 bytes at {@code offset}, in native byte order.
     *
     * @param offset from 0 to {@code size() - 8}
     * @param value the value
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    void putLong(long offset, long value);

    /**
     * Reads the {@code double} of the 8 bytes at {@code offset}, in native byte order.
     *
     * @param offset from 0 to {@code size() - 8}
     * @return the value
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    double getDouble(long offset);

    /**
     * Writes a {@code double} in the 8 bytes at {@code offset}, in native byte order.
     *
     * @param offset from 0 to {@code size() - 8}
     * @param value the value
     * @throws IndexOutOfBoundsException if {@code offset} is out of range
     * @throws IllegalStateException if this view is closed
     */
    void putDouble(long offset, double value);

    /**
     * Detaches this process's view from the block: Python's {@code close()}. From now on the
     * methods of this view that read, write or give a buffer throw {@link IllegalStateException};
     * {@link #name()}, {@link #size()} and {@link #unlink()} still work. The block itself, and
     * other views of it, are not affected. Does nothing if the view is closed already.
     */
    @Override
    void close();

    /**
     * Removes the block's name, whichever process made it: Python's {@code unlink()}. No process
     * can attach the block afterwards, and a new block may be created with the name; views that
     * processes have, this one included, keep working until they are closed. Removes only the
     * block this view belongs to: if its name has meanwhile been unlinked and given to a new
     * block, the new block is left alone. May be called before or after {@link #close()}.
     *
     * @return {@code true} if this call removed the name; {@code false} if the block had been
     *     unlinked already
     * @throws java.io.UncheckedIOException if the name cannot be removed
     */
    boolean unlink();
}
