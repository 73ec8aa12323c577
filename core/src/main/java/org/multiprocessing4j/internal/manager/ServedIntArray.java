package org.multiprocessing4j.internal.manager;

import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.multiprocessing4j.SharedIntArray;

/**
 * The server's {@link SharedIntArray}: an {@link AtomicIntegerArray}, copied element by element
 * with plain accesses; see {@link ServedArray}.
 */
final class ServedIntArray extends ServedArray implements SharedIntArray {

    private final AtomicIntegerArray elements;

    /**
     * A new array of zeros.
     *
     * @param length how many elements
     * @throws IllegalArgumentException if {@code length} is negative
     */
    ServedIntArray(int length) {
        this.elements = new AtomicIntegerArray(requireLength(length));
    }

    /**
     * A new array holding a copy of {@code initial}.
     *
     * @param initial its elements
     */
    ServedIntArray(int[] initial) {
        this.elements = new AtomicIntegerArray(initial);
    }

    @Override
    public int length() {
        return elements.length();
    }

    @Override
    public int get(int index) {
        return elements.get(index);
    }

    @Override
    public void set(int index, int value) {
        elements.set(index, value);
    }

    @Override
    public int getAndSet(int index, int value) {
        return elements.getAndSet(index, value);
    }

    @Override
    public boolean compareAndSet(int index, int expected, int value) {
        return elements.compareAndSet(index, expected, value);
    }

    @Override
    public int getAndAdd(int index, int delta) {
        return elements.getAndAdd(index, delta);
    }

    @Override
    public void copyTo(int index, int[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        for (int i = 0; i < length; i++) {
            target[offset + i] = elements.getPlain(index + i);
        }
    }

    @Override
    public void copyFrom(int[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        for (int i = 0; i < length; i++) {
            elements.setPlain(index + i, source[offset + i]);
        }
    }

    @Override
    public void fill(int value) {
        for (int i = 0; i < elements.length(); i++) {
            elements.setPlain(i, value);
        }
    }

    /**
     * Refused: the elements are in the server's memory.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public IntBuffer asBuffer() {
        throw noBuffer();
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
