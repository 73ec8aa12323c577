package org.multiprocessing4j.internal.manager;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import org.multiprocessing4j.SharedLongArray;

/**
 * The server's {@link SharedLongArray}: an {@link AtomicLongArray}; see {@link ServedArray}. Bulk
 * copies and fills are element by element with opaque accesses, not plain ones: the JLS lets a
 * plain access of a {@code long} be split in two (17.7), and each element must stay whole.
 */
final class ServedLongArray extends ServedArray implements SharedLongArray {

    private final AtomicLongArray elements;

    /**
     * A new array of zeros.
     *
     * @param length how many elements
     * @throws IllegalArgumentException if {@code length} is negative
     */
    ServedLongArray(int length) {
        this.elements = new AtomicLongArray(requireLength(length));
    }

    /**
     * A new array holding a copy of {@code initial}.
     *
     * @param initial its elements
     */
    ServedLongArray(long[] initial) {
        this.elements = new AtomicLongArray(initial);
    }

    @Override
    public int length() {
        return elements.length();
    }

    @Override
    public long get(int index) {
        return elements.get(index);
    }

    @Override
    public void set(int index, long value) {
        elements.set(index, value);
    }

    @Override
    public long getAndSet(int index, long value) {
        return elements.getAndSet(index, value);
    }

    @Override
    public boolean compareAndSet(int index, long expected, long value) {
        return elements.compareAndSet(index, expected, value);
    }

    @Override
    public long getAndAdd(int index, long delta) {
        return elements.getAndAdd(index, delta);
    }

    @Override
    public void copyTo(int index, long[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        for (int i = 0; i < length; i++) {
            target[offset + i] = elements.getOpaque(index + i);
        }
    }

    @Override
    public void copyFrom(long[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        for (int i = 0; i < length; i++) {
            elements.setOpaque(index + i, source[offset + i]);
        }
    }

    @Override
    public void fill(long value) {
        for (int i = 0; i < elements.length(); i++) {
            elements.setOpaque(i, value);
        }
    }

    /**
     * Refused: the elements are in the server's memory.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public LongBuffer asBuffer() {
        throw noBuffer();
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
