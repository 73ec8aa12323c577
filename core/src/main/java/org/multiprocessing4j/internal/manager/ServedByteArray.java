package org.multiprocessing4j.internal.manager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.multiprocessing4j.SharedByteArray;

/**
 * The server's {@link SharedByteArray}: a {@code byte[]}; see {@link ServedArray}. Bulk copies and
 * fills are {@link System#arraycopy} and {@link Arrays#fill}, plain accesses that write only the
 * bytes of their range: a byte is always read and written whole.
 */
final class ServedByteArray extends ServedArray implements SharedByteArray {

    // A VarHandle rather than a monitor: single accesses stay lock-free, as the other arrays'
    // elements are in their Atomic*Array, and a bulk copy never holds one up.
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(byte[].class);

    private final byte[] bytes;

    /**
     * A new array of zeros.
     *
     * @param length how many elements
     * @throws IllegalArgumentException if {@code length} is negative
     */
    ServedByteArray(int length) {
        this.bytes = new byte[requireLength(length)];
    }

    /**
     * A new array holding a copy of {@code initial}.
     *
     * @param initial its elements
     */
    ServedByteArray(byte[] initial) {
        this.bytes = initial.clone();
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public byte get(int index) {
        return (byte) ELEMENT.getVolatile(bytes, index);
    }

    @Override
    public void set(int index, byte value) {
        ELEMENT.setVolatile(bytes, index, value);
    }

    @Override
    public boolean compareAndSet(int index, byte expected, byte value) {
        return ELEMENT.compareAndSet(bytes, index, expected, value);
    }

    @Override
    public void copyTo(int index, byte[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        System.arraycopy(bytes, index, target, offset, length);
    }

    @Override
    public void copyFrom(byte[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        System.arraycopy(source, offset, bytes, index, length);
    }

    @Override
    public void fill(byte value) {
        Arrays.fill(bytes, value);
    }

    /**
     * Refused: the elements are in the server's memory.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public ByteBuffer asBuffer() {
        throw noBuffer();
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
