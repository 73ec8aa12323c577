package org.multiprocessing4j.internal.manager;

import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedDouble;

/**
 * The server's {@link SharedDouble}: the raw bits of the {@code double} in an {@link AtomicLong},
 * so that {@link #compareAndSet} compares bits, as the interface says, with a lock of its own.
 */
final class ServedDouble implements SharedDouble {

    private final AtomicLong bits;
    private final ServedReentrantLock lock = new ServedReentrantLock();

    /**
     * A new value.
     *
     * @param initial the value it starts with
     */
    ServedDouble(double initial) {
        this.bits = new AtomicLong(Double.doubleToRawLongBits(initial));
    }

    @Override
    public RobustLock lock() {
        return lock;
    }

    @Override
    public double get() {
        return Double.longBitsToDouble(bits.get());
    }

    @Override
    public void set(double value) {
        bits.set(Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndSet(double value) {
        return Double.longBitsToDouble(bits.getAndSet(Double.doubleToRawLongBits(value)));
    }

    @Override
    public boolean compareAndSet(double expected, double value) {
        return bits.compareAndSet(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    @Override
    public String toString() {
        return Double.toString(get());
    }
}
