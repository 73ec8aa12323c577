package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedValue;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's shared values of a primitive type: the first 4 or 8 bytes of a cell of
 * shared memory whose kind says the type, read and written with the cell's volatile and atomic
 * accessors (one atomic instruction for each atomic method), and the value's lock, if it has one.
 * A value lives in shared memory of the process that created it, as a lock does (see
 * {@link LocalRobustLock}).
 */
abstract sealed class LocalSharedValue implements SharedValue, Serializable
        permits LocalSharedInt, LocalSharedLong, LocalSharedDouble, LocalSharedBoolean {

    private static final long serialVersionUID = 1L;

    /** Where the value is in its cell. */
    static final int VALUE = 0;

    final transient Cell cell;
    private final transient RobustLock lock;

    LocalSharedValue(Cell cell, RobustLock lock) {
        this.cell = cell;
        this.lock = lock;
    }

    @Override
    public final RobustLock lock() {
        return requireLock(lock);
    }

    /**
     * The lock of a shared value or array, for {@code lock()}.
     *
     * @param lock its lock, {@code null} if it is raw
     * @return the lock
     * @throws UnsupportedOperationException if it is raw
     */
    static RobustLock requireLock(RobustLock lock) {
        if (lock == null) {
            throw new UnsupportedOperationException("a raw shared value or array has no lock: one made with"
                    + " sharedLong(initial) or sharedLong(initial, lock), or their kin, has one");
        }
        return lock;
    }

    /** Crosses into another process as a handle to the same cell, with the same lock. */
    final Object writeReplace() {
        return new Handle(cell.handle(), lock);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared value is deserialized from its handle only");
    }

    /** The cell's kind says which type of value to bind. */
    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final CellHandle cell;
        private final RobustLock lock;

        Handle(CellHandle cell, RobustLock lock) {
            this.cell = cell;
            this.lock = lock;
        }

        @Override
        protected Object bind() throws InvalidObjectException {
            Cell attached = cell.attach();
            switch (cell.kind()) {
                case INT_VALUE:
                    return new LocalSharedInt(attached, lock);
                case LONG_VALUE:
                    return new LocalSharedLong(attached, lock);
                case DOUBLE_VALUE:
                    return new LocalSharedDouble(attached, lock);
                case BOOLEAN_VALUE:
                    return new LocalSharedBoolean(attached, lock);
                default:
                    throw new InvalidObjectException("a " + cell.kind() + " cell is not a shared value");
            }
        }
    }
}
