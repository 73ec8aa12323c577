package org.multiprocessing4j;

import java.util.List;
import java.util.RandomAccess;

/**
 * A list of a fixed length in a named block of shared memory, read and written by every process
 * that attaches it: Python's {@code multiprocessing.shared_memory.ShareableList}.
 *
 * <pre>{@code
 * ShareableList sl = mp.shareableList(Arrays.asList("howdy", 100L, 2.5, true, null));
 * mp.process(() -> sl.set(1, 101L)).start();          // the same memory in the child
 * ...
 * sl.get(1);                                          // 101, once the child has set it
 * sl.close();
 * sl.unlink();
 * }</pre>
 *
 * <h2>Items</h2>
 * An item is a {@link Long}, a {@link Double}, a {@link Boolean}, a {@link String}, a
 * {@code byte[]} or {@code null} (Python's {@code int}, {@code float}, {@code bool}, {@code str},
 * {@code bytes} and {@code None}). An {@link Integer}, {@link Short} or {@link Byte} is stored as
 * a {@code long} and read back as a {@code Long}, a {@link Float} as a {@code double}; a value of
 * any other class throws {@link ClassCastException}, as {@link List#set} documents. A string keeps
 * every character and a byte array every byte, trailing NULs included; {@link #get} returns a new
 * array each time, which, as in any {@code List}, {@linkplain Object#equals equals} only itself:
 * compare byte arrays with {@link java.util.Arrays#equals(byte[], byte[])}.
 *
 * <h2>Slots</h2>
 * Each item has a slot whose capacity in bytes is fixed when the list is made: the item's length
 * (a string's in UTF-8) or a least size given to the factory, whichever is more, rounded up to a
 * multiple of 8 and at least 8. A number, a boolean or {@code null} takes 8 bytes, so it fits any
 * slot. Any value that fits may replace any other, of whatever type, as in Python; a string or
 * byte array longer than its slot throws {@link IllegalArgumentException} naming the item's
 * index, the value's length and the slot's capacity, and leaves the item as it was. A slot holds
 * at most 2 GiB - 16 bytes. The list's length never changes: {@code add}, {@code remove},
 * {@code clear} and the other methods that would change it throw
 * {@link UnsupportedOperationException}. Indexes are from 0 to {@code size() - 1}: a negative one
 * throws {@link IndexOutOfBoundsException} (Python counts from the end).
 *
 * <h2>Across processes</h2>
 * Each item is read and written whole, with the memory effects of a volatile read and write: a
 * read in any process returns the value of one write (or the initial value), never part of one
 * value and part of another, and what a process wrote before a {@code set} is visible to one that
 * reads the value it set. While a process sets an item, a reader gets the value before or the
 * value after. A reader never waits for a writer unless writers of the same item publish new
 * values faster than it can copy one, 64 times in a row: then it reads in turn with the writers.
 * Writers of one item take turns; writers of different items do not wait for each other. A writer
 * that dies while it writes leaves the value it was replacing, and the next writer takes its turn
 * over within a fraction of a second. {@code set} reads the old value to return it; reading a
 * large string or array costs a copy of it. Reading and writing the {@linkplain #shm() block}
 * directly bypasses all this and may corrupt the list.
 *
 * <p>A list captured by a child's target, sent through a queue or pipe, or passed to a pool's task
 * crosses as its block's name: the receiver attaches the block, as an attacher, with a view of its
 * own, which it may close. It fails to attach if the block has been unlinked by then.
 *
 * <h2>The block</h2>
 * The list is a {@link SharedMemory} block ({@link #shm()}), and lives by its rules: the process
 * that creates the list owns the block, which is unlinked when that process exits unless a process
 * unlinked it before; attaching never makes a process an owner. {@link #close()} detaches this
 * process's view, after which reading and writing items throw {@link IllegalStateException} while
 * {@link #name()}, {@link #size()} and {@link #unlink()} still work. The layout of the block is
 * this library's: CPython's {@code ShareableList(name=...)} cannot read it, nor this library
 * CPython's.
 *
 * @see ProcessContext#shareableList(List)
 */
public interface ShareableList extends List<Object>, RandomAccess, AutoCloseable {

    /**
     * The name of the list's block, as {@link ProcessContext#attachShareableList} takes it.
     *
     * @return the name
     */
    String name();

    /**
     * The block that holds the list: Python's {@code ShareableList.shm}. It is this view's, and
     * closing one closes the other; close the list rather than the block while other threads of
     * this process may be setting items, since only the list's {@link #close()} waits for them.
     *
     * @return the block
     */
    SharedMemory shm();

    /**
     * The most bytes the item at {@code index} may take: a string's in UTF-8, or a byte array's.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the capacity of its slot, a multiple of 8, at least 8
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    int capacity(int index);

    /**
     * The item at {@code index}, with the memory effects of a volatile read.
     *
     * @param index from 0 to {@code size() - 1}
     * @return a {@code Long}, {@code Double}, {@code Boolean}, {@code String}, a new
     *     {@code byte[]}, or {@code null}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException if this view is closed
     */
    @Override
    Object get(int index);

    /**
     * Replaces the item at {@code index}, with the memory effects of a volatile write, and returns
     * the item it replaced, atomically: no other write of the item comes between.
     *
     * @param index from 0 to {@code size() - 1}
     * @param value a {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Double},
     *     {@code Float}, {@code Boolean}, {@code String}, {@code byte[]} or {@code null}
     * @return the item before
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws ClassCastException if {@code value} is of another class
     * @throws IllegalArgumentException if {@code value} is a string or byte array longer than the
     *     slot's {@linkplain #capacity(int) capacity}
     * @throws IllegalStateException if this view is closed
     */
    @Override
    Object set(int index, Object value);

    /**
     * Detaches this process's view of the list's block, as {@link SharedMemory#close()} does,
     * once the writes that threads of this process are making through this view are done. Does
     * nothing if the view is closed already.
     */
    @Override
    void close();

    /**
     * Removes the name of the list's block, as {@link SharedMemory#unlink()} does.
     *
     * @return {@code true} if this call removed the name; {@code false} if the block had been
     *     unlinked already
     */
    boolean unlink();
}
