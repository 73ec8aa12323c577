package org.multiprocessing4j;

/**
 * An array of fixed length in memory shared by processes, with the lock that guards compound
 * updates of it: Python's {@code multiprocessing.Array} and {@code RawArray}. What
 * {@link SharedIntArray}, {@link SharedLongArray}, {@link SharedDoubleArray} and
 * {@link SharedByteArray} have in common.
 *
 * <pre>{@code
 * SharedDoubleArray xs = mp.rawSharedDoubleArray(1_000_000);    // zeroed; each child writes its slice
 * for (int c = 0; c < 4; c++) {
 *     int from = c * 250_000;
 *     mp.process(() -> {
 *         for (int i = from; i < from + 250_000; i++) {
 *             xs.set(i, Math.sqrt(i));
 *         }
 *     }).start();
 * }
 * ...                                                           // join the children, then
 * DoubleBuffer view = xs.asBuffer();                            // the shared memory itself
 * double sum = 0;
 * for (int i = 0; i < view.limit(); i++) {
 *     sum += view.get(i);
 * }
 * }</pre>
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li><b>One array everywhere</b>: an array captured by a child's target, sent through a queue or
 *       a pipe, or passed to a pool's task is the same array in the other process, not a copy.</li>
 *   <li><b>Each element is as a {@link SharedValue} is</b>: {@code get(i)} and {@code set(i, x)} have
 *       the memory effects of volatile accesses, and the atomic methods, those of
 *       {@link java.util.concurrent.atomic.AtomicLongArray}, are atomic for their element without
 *       taking the lock.</li>
 *   <li><b>Bulk methods and the buffer view are plain accesses</b>: {@code copyTo},
 *       {@code copyFrom}, {@code fill}, {@code toArray} and the {@code asBuffer()} view read and
 *       write each element whole, but not the array as a whole, and what they see of other
 *       processes' writes is ordered only by a synchronization between the processes: the array's
 *       lock, another lock, an event, a queue, a join. The view is the shared memory itself, not a
 *       copy, in the platform's byte order: what a loop over many elements should use. Each call
 *       makes a new buffer, at position 0 with the array's length as its limit; like any
 *       {@link java.nio.Buffer}, one buffer is for one thread at a time.</li>
 *   <li><b>The lock</b> is as a {@link SharedValue}'s: a {@link ProcessReentrantLock} of the
 *       array's own by default, the one given to the factory, or none for a raw array
 *       ({@code rawSharedDoubleArray(n)}, Python's {@code RawArray}), whose {@link #lock()} throws
 *       {@link UnsupportedOperationException}. Processes writing disjoint slices need none.</li>
 *   <li><b>Indexes</b>: an index outside {@code 0} to {@code length() - 1}, or a range reaching
 *       outside the shared array or the Java array it is copied to or from, throws an
 *       {@link IndexOutOfBoundsException}.</li>
 *   <li><b>Length</b>: fixed when the array is made, which starts zeroed. A negative length, or one
 *       beyond what the backend maps, throws an {@link IllegalArgumentException}. The local
 *       backend keeps an array in one mapping of at most 2 GiB: at most 2,147,483,576 bytes of
 *       elements (268,435,447 longs or doubles, 536,870,894 ints), in a file of its own in shared
 *       memory whose pages are taken as they are first written.</li>
 * </ul>
 *
 * @see ProcessContext#sharedDoubleArray(int)
 */
public interface SharedArray {

    /**
     * The number of elements.
     *
     * @return the length, fixed when the array was made
     */
    int length();

    /**
     * The lock that guards compound updates of this array: Python's {@code get_lock()}. The same
     * lock in every process.
     *
     * @return the lock
     * @throws UnsupportedOperationException if the array is raw: it was made without a lock
     */
    RobustLock lock();
}
