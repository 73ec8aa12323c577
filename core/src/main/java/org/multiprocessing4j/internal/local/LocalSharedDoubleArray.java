package org.multiprocessing4j.internal.local;

import java.lang.invoke.VarHandle;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.internal.shm.ArraySegment;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.PlainMemory;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/**
 * The local backend's {@link SharedDoubleArray}; see {@link LocalSharedArray}. Compare-and-set
 * goes through the bits of the elements as {@code long}s, which compare as
 * {@link org.multiprocessing4j.SharedDouble#compareAndSet} says.
 */
final class LocalSharedDoubleArray extends LocalSharedArray implements SharedDoubleArray {

    private static final long serialVersionUID = 1L;
    private static final VarHandle ELEMENT = elementsOf(double[].class);
    private static final VarHandle BITS = elementsOf(long[].class);
    private static final int SHIFT = 3;

    LocalSharedDoubleArray(ArraySegment segment, RobustLock lock) {
        super(segment, lock, SHIFT);
    }

    static LocalSharedDoubleArray create(SegmentDirectory shm, int length, RobustLock lock) {
        return new LocalSharedDoubleArray(allocate(shm, CellKind.DOUBLE_ARRAY, length, Double.BYTES), lock);
    }

    @Override
    public double get(int index) {
        return (double) ELEMENT.getVolatile(data, offset(index, SHIFT));
    }

    @Override
    public void set(int index, double value) {
        ELEMENT.setVolatile(data, offset(index, SHIFT), value);
    }

    @Override
    public double getPlain(int index) {
        int offset = offset(index, SHIFT);
        return PlainMemory.BY_ADDRESS ? PlainMemory.getDouble(data, address, offset) : (double) ELEMENT.get(data, offset);
    }

    @Override
    public void setPlain(int index, double value) {
        int offset = offset(index, SHIFT);
        if (PlainMemory.BY_ADDRESS) {
            PlainMemory.putDouble(data, address, offset, value);
        } else {
            ELEMENT.set(data, offset, value);
        }
    }

    @Override
    public double getAndSet(int index, double value) {
        return (double) ELEMENT.getAndSet(data, offset(index, SHIFT), value);
    }

    @Override
    public boolean compareAndSet(int index, double expected, double value) {
        return BITS.compareAndSet(data, offset(index, SHIFT), Double.doubleToRawLongBits(expected),
                Double.doubleToRawLongBits(value));
    }

    @Override
    public void copyTo(int index, double[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        asBuffer().get(index, target, offset, length);
    }

    @Override
    public void copyFrom(double[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        asBuffer().put(index, source, offset, length);
    }

    @Override
    public void fill(double value) {
        DoubleBuffer elements = asBuffer();
        for (int i = 0; i < elements.limit(); i++) {
            elements.put(i, value);
        }
    }

    @Override
    public DoubleBuffer asBuffer() {
        return elements(SHIFT).asDoubleBuffer();
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
