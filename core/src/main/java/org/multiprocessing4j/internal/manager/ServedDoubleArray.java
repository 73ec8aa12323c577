package org.multiprocessing4j.internal.manager;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import org.multiprocessing4j.SharedDoubleArray;

/**
 * The server's {@link SharedDoubleArray}: the raw bits of each {@code double} in an
 * {@link AtomicLongArray}, so that {@link #compareAndSet} compares bits, as the interface says;
 * see {@link ServedArray}. Bulk copies and fills are element by element with opaque accesses, as
 * {@link ServedLongArray}'s are, to keep each element whole.
 */
final class ServedDoubleArray extends ServedArray implements SharedDoubleArray {

    private final AtomicLongArray bits;

    /**
     * A new array of zeros.
     *
     * @param length how many elements
     * @throws IllegalArgumentException if {@code length} is negative
     */
    ServedDoubleArray(int length) {
        this.bits = new AtomicLongArray(requireLength(length));
    }

    /**
     * A new array holding a copy of {@code initial}.
     *
     * @param initial its elements
     */
    ServedDoubleArray(double[] initial) {
        this(initial.length);
        copyFrom(initial, 0, 0, initial.length);
    }

    @Override
    public int length() {
        return bits.length();
    }

    @Override
    public double get(int index) {
        return Double.longBitsToDouble(bits.get(index));
    }

    @Override
    public void set(int index, double value) {
        bits.set(index, Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndSet(int index, double value) {
        return Double.longBitsToDouble(bits.getAndSet(index, Double.doubleToRawLongBits(value)));
    }

    @Override
    public boolean compareAndSet(int index, double expected, double value) {
        return bits.compareAndSet(index, Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    @Override
    public void copyTo(int index, double[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        for (int i = 0; i < length; i++) {
            target[offset + i] = Double.longBitsToDouble(bits.getOpaque(index + i));
        }
    }

    @Override
    public void copyFrom(double[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        for (int i = 0; i < length; i++) {
            bits.setOpaque(index + i, Double.doubleToRawLongBits(source[offset + i]));
        }
    }

    @Override
    public void fill(double value) {
        long raw = Double.doubleToRawLongBits(value);
        for (int i = 0; i < bits.length(); i++) {
            bits.setOpaque(i, raw);
        }
    }

    /**
     * Refused: the elements are in the server's memory.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public DoubleBuffer asBuffer() {
        throw noBuffer();
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
