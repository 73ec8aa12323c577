package org.multiprocessing4j.internal.manager;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.multiprocessing4j.JoinableProcessQueue;

/**
 * The server's {@link JoinableProcessQueue}: a {@link LinkedBlockingQueue}, bounded or not, and
 * the count of elements put and not yet marked done.
 *
 * <p>An element is counted before it goes into the queue, so that a consumer's
 * {@link #taskDone()} never finds the count below zero; a put that fails takes its count back.
 * Removing a given element is refused, as {@link org.multiprocessing4j.ProcessQueue} documents,
 * so that the manager's queue behaves as every other backend's does.
 *
 * @param <E> the type of the elements
 */
final class ServedQueue<E> extends AbstractQueue<E> implements JoinableProcessQueue<E> {

    private final LinkedBlockingQueue<E> queue;
    private final UnfinishedTasks unfinished = new UnfinishedTasks();

    /**
     * A new, empty queue.
     *
     * @param bound the most elements it holds; {@link Integer#MAX_VALUE} for no bound
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    ServedQueue(int bound) {
        this.queue = new LinkedBlockingQueue<>(bound);
    }

    @Override
    public void put(E e) throws InterruptedException {
        Objects.requireNonNull(e);
        unfinished.add();
        boolean put = false;
        try {
            queue.put(e);
            put = true;
        } finally {
            if (!put) {
                unfinished.cancel();
            }
        }
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e);
        unfinished.add();
        boolean put = false;
        try {
            put = queue.offer(e);
            return put;
        } finally {
            if (!put) {
                unfinished.cancel();
            }
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(e);
        unfinished.add();
        boolean put = false;
        try {
            put = queue.offer(e, timeout, unit);
            return put;
        } finally {
            if (!put) {
                unfinished.cancel();
            }
        }
    }

    @Override
    public E take() throws InterruptedException {
        return queue.take();
    }

    @Override
    public E poll() {
        return queue.poll();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    @Override
    public E peek() {
        return queue.peek();
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int remainingCapacity() {
        return queue.remainingCapacity();
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return queue.drainTo(c);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        return queue.drainTo(c, maxElements);
    }

    @Override
    public boolean contains(Object o) {
        return queue.contains(o);
    }

    @Override
    public Object[] toArray() {
        return queue.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return queue.toArray(a);
    }

    /** Weakly consistent, as {@link LinkedBlockingQueue}'s; its {@code remove} is refused. */
    @Override
    public Iterator<E> iterator() {
        Iterator<E> elements = queue.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return elements.hasNext();
            }

            @Override
            public E next() {
                return elements.next();
            }
        };
    }

    @Override
    public void clear() {
        queue.clear();
    }

    @Override
    public boolean remove(Object o) {
        throw removalRefused();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw removalRefused();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw removalRefused();
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw removalRefused();
    }

    @Override
    public void taskDone() {
        unfinished.done();
    }

    @Override
    public void join() throws InterruptedException {
        unfinished.awaitNone();
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return unfinished.awaitNone(Math.max(0, TimeUnit.NANOSECONDS.convert(timeout)));
    }

    /**
     * Does nothing: closing is the business of each client's proxy, which stops putting in its
     * own process, while the queue here goes on serving every other client.
     */
    @Override
    public void close() {
    }

    /** The elements, oldest first, as they were at one moment. */
    @Override
    public String toString() {
        return queue.toString();
    }

    private static UnsupportedOperationException removalRefused() {
        return new UnsupportedOperationException(
                "a process queue does not remove given elements; take them with poll, drainTo or clear");
    }
}
