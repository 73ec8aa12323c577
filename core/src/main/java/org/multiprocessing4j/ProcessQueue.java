package org.multiprocessing4j;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A queue shared by processes: Python's {@code multiprocessing.Queue}, as a {@link BlockingQueue}.
 * Any number of threads in any number of processes put and take; each element is taken once.
 *
 * <pre>{@code
 * ProcessQueue<List<Object>> q = Multiprocessing.queue();
 * Multiprocessing.process(() -> q.put(List.of("u", 0, "hello"))).start();
 * System.out.println(q.take());   // [u, 0, hello]
 * }</pre>
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>A queue captured by a child's target, or sent to another process, is the same queue
 *       there: elements put in one process are taken in another.</li>
 *   <li>Elements are serialized in the thread that puts them, by the queue's
 *       {@link org.multiprocessing4j.spi.Serializer} ({@code Serializer.standard()} unless one was
 *       given to {@link ProcessContext#queue(int, org.multiprocessing4j.spi.Serializer)}): an
 *       element that cannot be serialized fails in {@code put} or {@code offer}
 *       ({@link UnserializableObjectException}, an {@link IllegalArgumentException}, naming the
 *       class), and nothing is queued.</li>
 *   <li>{@code put} returns once the element is in the queue. There is no feeder thread and
 *       nothing is buffered in the putting process, so a process may exit, or be joined, right
 *       after a {@code put}: Python's "joining processes that use queues" deadlock does not exist,
 *       and Python's {@code join_thread()} and {@code cancel_join_thread()} have nothing to do.</li>
 *   <li>Elements put by one thread are taken in the order they were put. Elements of any size may
 *       be put.</li>
 *   <li>A process killed while it puts loses at most the element it was putting; one killed while
 *       it takes loses the element it was taking. The queue stays usable by the others.</li>
 *   <li><b>Memory consistency</b>: what a thread does before putting an element happens-before
 *       what a thread, in any process, does after taking that element.</li>
 *   <li>{@link #size()} is approximate: exact while nobody puts or takes, and off by the elements
 *       being put or taken at the moment (or by those a killed process was putting or taking).</li>
 *   <li>A thread blocked in {@code take}, {@code put} or a timed wait uses no processor time. On
 *       the local backend it sleeps in the kernel, in native code, so a thread dump shows it
 *       {@code RUNNABLE}: that is a sleep, not a spin.</li>
 * </ul>
 *
 * <h2>Looking inside</h2>
 * {@link #peek()}, {@link #element()}, {@link #contains(Object)}, {@link #toArray()},
 * {@link #iterator()} and {@link #toString()} see a snapshot: the elements wholly in the queue at
 * one moment during the call, oldest first, as copies (each look deserializes them anew). Like the
 * views of {@code java.util.concurrent}'s queues it is weakly consistent: what other processes put
 * or take meanwhile may or may not be in it, and it never throws
 * {@link java.util.ConcurrentModificationException}. An element that is still being put, or is
 * larger than what the queue holds at once (and so is streamed through it), is not in a snapshot.
 * A look never makes {@code put} or {@code take} wait. A {@link PipeEnd} in an element is seen as
 * a closed copy: only the process that takes the element gets the end, and holds it.
 *
 * <h2>What is not supported</h2>
 * Removing a given element ({@link #remove(Object)}, {@link #removeAll(Collection)},
 * {@link #retainAll(Collection)}, {@link #removeIf}, and the iterator's {@code remove}) throws
 * {@link UnsupportedOperationException}: every process takes elements in order from one shared
 * buffer, where an element cannot be cut out of the middle without every reader agreeing. To drop
 * elements, take them ({@link #poll()}, {@link #drainTo(Collection)}, {@link #clear()}).
 *
 * @param <E> the type of the elements
 * @see ProcessContext#queue()
 */
public interface ProcessQueue<E> extends BlockingQueue<E> {

    /**
     * Puts {@code e}, waiting while a bounded queue is full.
     *
     * @throws IllegalStateException if this process closed the queue
     * @throws UnserializableObjectException if {@code e} cannot be serialized
     */
    @Override
    void put(E e) throws InterruptedException;

    /**
     * Puts {@code e} if a bounded queue has room now; an unbounded queue always has (it may wait
     * a moment for room while takers catch up).
     *
     * @return whether it was put
     * @throws IllegalStateException if this process closed the queue
     * @throws UnserializableObjectException if {@code e} cannot be serialized
     */
    @Override
    boolean offer(E e);

    /**
     * Puts {@code e}, waiting at most {@code timeout} for room in a bounded queue.
     *
     * @param e the element
     * @param timeout the longest wait
     * @return whether it was put
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if this process closed the queue
     * @throws UnserializableObjectException if {@code e} cannot be serialized
     */
    default boolean offer(E e, Duration timeout) throws InterruptedException {
        return offer(e, TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Takes the next element, waiting at most {@code timeout} for one.
     *
     * @param timeout the longest wait
     * @return the element, or {@code null} if time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    default E poll(Duration timeout) throws InterruptedException {
        return poll(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }

    /** Approximate: see the class comment. */
    @Override
    int size();

    /**
     * Python's {@code close()}: this process will put no more; later {@code put} and
     * {@code offer} calls in this process throw {@link IllegalStateException}. Other processes,
     * and taking, are not affected. Nothing put before is lost.
     */
    void close();
}
