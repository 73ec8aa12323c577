package org.multiprocessing4j.internal.manager;

import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedInt;

/** The server's {@link SharedInt}: an {@link AtomicInteger}, with a lock of its own. */
final class ServedInt implements SharedInt {

    private final AtomicInteger value;
    private final ServedReentrantLock lock = new ServedReentrantLock();

    /**
     * A new value.
     *
     * @param initial the value it starts with
     */
    ServedInt(int initial) {
        this.value = new AtomicInteger(initial);
    }

    @Override
    public RobustLock lock() {
        return lock;
    }

    @Override
    public int get() {
        return value.get();
    }

    @Override
    public void set(int value) {
        this.value.set(value);
    }

    @Override
    public int getAndSet(int value) {
        return this.value.getAndSet(value);
    }

    @Override
    public boolean compareAndSet(int expected, int value) {
        return this.value.compareAndSet(expected, value);
    }

    @Override
    public int getAndAdd(int delta) {
        return value.getAndAdd(delta);
    }

    @Override
    public String toString() {
        return Integer.toString(get());
    }
}
