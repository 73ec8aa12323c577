package org.multiprocessing4j.internal.local;

import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedBoolean;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/**
 * The local backend's {@link SharedBoolean}: an {@code int}, 1 for {@code true}; see
 * {@link LocalSharedValue}.
 */
final class LocalSharedBoolean extends LocalSharedValue implements SharedBoolean {

    private static final long serialVersionUID = 1L;

    LocalSharedBoolean(Cell cell, RobustLock lock) {
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
    static LocalSharedBoolean create(SegmentDirectory shm, boolean initial, RobustLock lock) {
        LocalSharedBoolean value = new LocalSharedBoolean(shm.allocateCell(CellKind.BOOLEAN_VALUE), lock);
        value.set(initial);
        return value;
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }

    @Override
    public boolean get() {
        return cell.getIntVolatile(VALUE) != 0;
    }

    @Override
    public void set(boolean value) {
        cell.putIntVolatile(VALUE, bit(value));
    }

    @Override
    public boolean getAndSet(boolean value) {
        return cell.getAndSetInt(VALUE, bit(value)) != 0;
    }

    @Override
    public boolean compareAndSet(boolean expected, boolean value) {
        return cell.compareAndSetInt(VALUE, bit(expected), bit(value));
    }

    @Override
    public String toString() {
        return Boolean.toString(get());
    }
}
