package org.multiprocessing4j;

/**
 * The smallest queue shared by processes: Python's {@code multiprocessing.SimpleQueue}. No bound,
 * no size, no timeouts: {@link #put}, {@link #get}, {@link #isEmpty()} and {@link #close()}. It
 * gives the guarantees of a {@link ProcessQueue} across processes: elements serialized by the
 * putting thread (an unserializable one fails in {@code put}), taken once each, in order per putting
 * thread, nothing buffered in the putting process, a killed process losing at most the element it
 * was moving.
 *
 * @param <E> the type of the elements
 * @see ProcessContext#simpleQueue()
 */
public interface SimpleProcessQueue<E> {

    /**
     * Puts {@code e}.
     *
     * @param e the element, {@code null} included
     * @throws UnserializableObjectException if it cannot be serialized
     * @throws IllegalStateException if this process closed the queue
     * @throws InterruptedException if interrupted while waiting for room
     */
    void put(E e) throws InterruptedException;

    /**
     * Takes the next element, waiting for one.
     *
     * @return the element
     * @throws InterruptedException if interrupted while waiting
     */
    E get() throws InterruptedException;

    /**
     * Whether nothing is in the queue at this moment.
     *
     * @return {@code true} if empty
     */
    boolean isEmpty();

    /** This process will put no more: later {@code put} calls here throw {@link IllegalStateException}. */
    void close();
}
