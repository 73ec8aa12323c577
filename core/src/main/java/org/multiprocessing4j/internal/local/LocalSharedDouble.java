package org.multiprocessing4j.internal.local;

import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedDouble;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/**
 * The local backend's {@link SharedDouble}: the bits of the {@code double} as a {@code long}; see
 * {@link LocalSharedValue}.
 */
final class LocalSharedDouble extends LocalSharedValue implements SharedDouble {

    private static final long serialVersionUID = 1L;

    LocalSharedDouble(Cell cell, RobustLock lock) {
        super(cell, lock);
    }

    /**
     * A new value in a new cell.
     *
     * @param shm where its cell is made
     * @param initial its value
     * @param lock its lock, {@code null} for none
     * @return the value
     */
    static LocalSharedDouble create(SegmentDirectory shm, double initial, RobustLock lock) {
        LocalSharedDouble value = new LocalSharedDouble(shm.allocateCell(CellKind.DOUBLE_VALUE), lock);
        value.set(initial);
        return value;
    }

    @Override
    public double get() {
        return Double.longBitsToDouble(cell.getLongVolatile(VALUE));
    }

    @Override
    public void set(double value) {
        cell.putLongVolatile(VALUE, Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndSet(double value) {
        return Double.longBitsToDouble(cell.getAndSetLong(VALUE, Double.doubleToRawLongBits(value)));
    }

    @Override
    public boolean compareAndSet(double expected, double value) {
        return cell.compareAndSetLong(VALUE, Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    @Override
    public String toString() {
        return Double.toString(get());
    }
}
