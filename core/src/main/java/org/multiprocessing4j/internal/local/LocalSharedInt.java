package org.multiprocessing4j.internal.local;

import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedInt;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/** The local backend's {@link SharedInt}; see {@link LocalSharedValue}. */
final class LocalSharedInt extends LocalSharedValue implements SharedInt {

    private static final long serialVersionUID = 1L;

    LocalSharedInt(Cell cell, RobustLock lock) {
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
    static LocalSharedInt create(SegmentDirectory shm, int initial, RobustLock lock) {
        LocalSharedInt value = new LocalSharedInt(shm.allocateCell(CellKind.INT_VALUE), lock);
        value.set(initial);
        return value;
    }

    @Override
    public int get() {
        return cell.getIntVolatile(VALUE);
    }

    @Override
    public void set(int value) {
        cell.putIntVolatile(VALUE, value);
    }

    @Override
    public int getAndSet(int value) {
        return cell.getAndSetInt(VALUE, value);
    }

    @Override
    public boolean compareAndSet(int expected, int value) {
        return cell.compareAndSetInt(VALUE, expected, value);
    }

    @Override
    public int getAndAdd(int delta) {
        return cell.getAndAddInt(VALUE, delta);
    }

    @Override
    public String toString() {
        return Integer.toString(get());
    }
}
