package org.multiprocessing4j.internal.manager;

import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedLong;

/** The server's {@link SharedLong}: an {@link AtomicLong}, with a lock of its own. */
final class ServedLong implements SharedLong {

    private final AtomicLong value;
    private final ServedReentrantLock lock = new ServedReentrantLock();

    /**
     * A new value.
     *
     * @param initial the value it starts with
     */
    ServedLong(long initial) {
        this.value = new AtomicLong(initial);
    }

    @Override
    public RobustLock lock() {
        return lock;
    }

    @Override
    public long get() {
        return value.get();
    }

    @Override
    public void set(long value) {
        this.value.set(value);
    }

    @Override
    public long getAndSet(long value) {
        return this.value.getAndSet(value);
    }

    @Override
    public boolean compareAndSet(long expected, long value) {
        return this.value.compareAndSet(expected, value);
    }

    @Override
    public long getAndAdd(long delta) {
        return value.getAndAdd(delta);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
