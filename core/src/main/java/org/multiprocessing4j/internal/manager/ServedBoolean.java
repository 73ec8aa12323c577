package org.multiprocessing4j.internal.manager;

import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedBoolean;

/** The server's {@link SharedBoolean}: an {@link AtomicBoolean}, with a lock of its own. */
final class ServedBoolean implements SharedBoolean {

    private final AtomicBoolean value;
    private final ServedReentrantLock lock = new ServedReentrantLock();

    /**
     * A new value.
     *
     * @param initial the value it starts with
     */
    ServedBoolean(boolean initial) {
        this.value = new AtomicBoolean(initial);
    }

    @Override
    public RobustLock lock() {
        return lock;
    }

    @Override
    public boolean get() {
        return value.get();
    }

    @Override
    public void set(boolean value) {
        this.value.set(value);
    }

    @Override
    public boolean getAndSet(boolean value) {
        return this.value.getAndSet(value);
    }

    @Override
    public boolean compareAndSet(boolean expected, boolean value) {
        return this.value.compareAndSet(expected, value);
    }

    @Override
    public String toString() {
        return Boolean.toString(get());
    }
}
