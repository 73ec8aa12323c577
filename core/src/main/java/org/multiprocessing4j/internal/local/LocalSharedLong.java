package org.multiprocessing4j.internal.local;

import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedLong;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/** The local backend's {@link SharedLong}; see {@link LocalSharedValue}. */
final class LocalSharedLong extends LocalSharedValue implements SharedLong {

    private static final long serialVersionUID = 1L;

    LocalSharedLong(Cell cell, RobustLock lock) {
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
    static LocalSharedLong create(SegmentDirectory shm, long initial, RobustLock lock) {
        LocalSharedLong value = new LocalSharedLong(shm.allocateCell(CellKind.LONG_VALUE), lock);
        value.set(initial);
        return value;
    }

    @Override
    public long get() {
        return cell.getLongVolatile(VALUE);
    }

    @Override
    public void set(long value) {
        cell.putLongVolatile(VALUE, value);
    }

    @Override
    public long getAndSet(long value) {
        return cell.getAndSetLong(VALUE, value);
    }

    @Override
    public boolean compareAndSet(long expected, long value) {
        return cell.compareAndSetLong(VALUE, expected, value);
    }

    @Override
    public long getAndAdd(long delta) {
        return cell.getAndAddLong(VALUE, delta);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
