package org.multiprocessing4j.internal.manager;

import java.util.Objects;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedArray;

/**
 * What the server's shared arrays have in common: a lock of the array's own, the checks of
 * lengths and of bulk ranges, and the refusal of a buffer view, which would be of the server's
 * memory, not the caller's.
 */
abstract sealed class ServedArray implements SharedArray
        permits ServedIntArray, ServedLongArray, ServedDoubleArray, ServedByteArray {

    private final ServedReentrantLock lock = new ServedReentrantLock();

    @Override
    public final RobustLock lock() {
        return lock;
    }

    /**
     * {@code length}, checked.
     *
     * @throws IllegalArgumentException if it is negative
     */
    static int requireLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("a shared array's length must be at least 0: " + length);
        }
        return length;
    }

    /**
     * Checks the ranges of a bulk copy of {@code count} elements from or to element {@code index},
     * and to or from a Java array of {@code arrayLength} from {@code offset} on.
     *
     * @throws IndexOutOfBoundsException if either range is out of its array
     */
    final void checkCopy(int index, int offset, int count, int arrayLength) {
        Objects.checkFromIndexSize(index, count, length());
        Objects.checkFromIndexSize(offset, count, arrayLength);
    }

    /** What {@code asBuffer()} throws. */
    static UnsupportedOperationException noBuffer() {
        return new UnsupportedOperationException(
                "a manager's array lives in its server process: copy it with copyTo, copyFrom or toArray");
    }
}
