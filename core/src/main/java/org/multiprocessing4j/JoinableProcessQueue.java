package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProcessQueue} that counts the elements put and not yet marked done: Python's
 * {@code multiprocessing.JoinableQueue}. Consumers call {@link #taskDone()} once for each element
 * they took, when they have finished with it; {@link #join()} waits until every element ever put
 * has been.
 *
 * <h2>Across processes</h2>
 * The count is shared: a {@code put} in any process counts one more, before the element can be
 * taken; a {@code taskDone} in any process counts one less. {@code join} returns, in every process
 * waiting in it, as soon as the count reaches zero. Elements a killed consumer took and never
 * marked done keep {@code join} waiting, as in Python: use the timed {@link #join(Duration)} where
 * consumers may die. What a thread does before {@code taskDone} happens-before what a thread does
 * after the {@code join} it ended.
 *
 * @param <E> the type of the elements
 * @see ProcessContext#joinableQueue()
 */
public interface JoinableProcessQueue<E> extends ProcessQueue<E> {

    /**
     * Marks one element taken from the queue as done.
     *
     * @throws IllegalStateException if called more times than elements were put
     */
    void taskDone();

    /**
     * Waits until every element put has been marked done.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} until every element put has been marked done.
     *
     * @param timeout the longest wait
     * @return whether all were; {@code false} if time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * Waits at most {@code timeout} until every element put has been marked done.
     *
     * @param timeout the longest wait
     * @param unit its unit
     * @return whether all were; {@code false} if time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    default boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        return join(Duration.ofNanos(unit.toNanos(timeout)));
    }
}
