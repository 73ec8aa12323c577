package org.multiprocessing4j.python.internal;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.python.CPythonException;
import org.multiprocessing4j.python.CPythonObject;

/**
 * A {@code BlockingQueue} over a {@code queue.Queue} in a CPython manager's server, through the
 * methods it exposes: {@code put}, {@code get} (with {@code block} and {@code timeout}),
 * {@code put_nowait}, {@code get_nowait} and {@code qsize}. Python's queue has no peek and cannot be
 * iterated, so {@code peek}, {@code element}, {@code iterator} and what is built on them throw
 * {@link UnsupportedOperationException}; its bound is not exposed either, so
 * {@code remainingCapacity} answers {@code Integer.MAX_VALUE}. A wait happens in the server and
 * is not cut short by an interrupt (which is kept for after it): the element it takes would be
 * lost otherwise. Timed waits end in time.
 */
public final class PythonQueue extends AbstractQueue<Object> implements BlockingQueue<Object> {

    /** Longer timeouts than Python's threading.TIMEOUT_MAX (about 292 years) are no timeout. */
    static final double LONGEST_SECONDS = 1e9;

    private final CPythonObject queue;

    public PythonQueue(CPythonObject queue) {
        this.queue = queue;
    }

    @Override
    public boolean offer(Object element) {
        Objects.requireNonNull(element, "a BlockingQueue holds no null");
        return unlessFull(() -> queue.call("put_nowait", element));
    }

    @Override
    public void put(Object element) {
        Objects.requireNonNull(element, "a BlockingQueue holds no null");
        queue.call("put", element);
    }

    @Override
    public boolean offer(Object element, long timeout, TimeUnit unit) {
        Objects.requireNonNull(element, "a BlockingQueue holds no null");
        double seconds = seconds(timeout, unit);
        return unlessFull(() -> queue.call("put", element, true, seconds > LONGEST_SECONDS ? null : seconds));
    }

    @Override
    public Object poll() {
        return unlessEmpty(() -> queue.call("get_nowait"));
    }

    @Override
    public Object take() {
        return queue.call("get");
    }

    @Override
    public Object poll(long timeout, TimeUnit unit) {
        double seconds = seconds(timeout, unit);
        return unlessEmpty(() -> queue.call("get", true, seconds > LONGEST_SECONDS ? null : seconds));
    }

    @Override
    public Object peek() {
        throw new UnsupportedOperationException("a CPython queue.Queue cannot be looked into without taking");
    }

    @Override
    public Iterator<Object> iterator() {
        throw new UnsupportedOperationException("a CPython queue.Queue cannot be iterated");
    }

    @Override
    public int size() {
        return (Integer) queue.call("qsize");
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super Object> into) {
        return drainTo(into, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Object> into, int most) {
        Objects.requireNonNull(into, "into");
        if (into == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        int drained = 0;
        for (Object element; drained < most && (element = poll()) != null; drained++) {
            into.add(element);
        }
        return drained;
    }

    private static double seconds(long timeout, TimeUnit unit) {
        return Math.max(0, unit.toNanos(timeout)) / 1e9;
    }

    private static boolean unlessFull(Runnable put) {
        try {
            put.run();
            return true;
        } catch (CPythonException e) {
            if (e.pythonType().equals("queue.Full")) {
                return false;
            }
            throw e;
        }
    }

    private static Object unlessEmpty(java.util.function.Supplier<Object> get) {
        try {
            return get.get();
        } catch (CPythonException e) {
            if (e.pythonType().equals("queue.Empty")) {
                return null;
            }
            throw e;
        }
    }
}
