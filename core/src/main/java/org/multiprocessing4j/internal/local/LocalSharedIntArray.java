package org.multiprocessing4j.internal.local;

import java.lang.invoke.VarHandle;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedIntArray;
import org.multiprocessing4j.internal.shm.ArraySegment;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.PlainMemory;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/** The local backend's {@link SharedIntArray}; see {@link LocalSharedArray}. */
final class LocalSharedIntArray extends LocalSharedArray implements SharedIntArray {

    private static final long serialVersionUID = 1L;
    private static final VarHandle ELEMENT = elementsOf(int[].class);
    private static final int SHIFT = 2;

    LocalSharedIntArray(ArraySegment segment, RobustLock lock) {
        super(segment, lock, SHIFT);
    }

    static LocalSharedIntArray create(SegmentDirectory shm, int length, RobustLock lock) {
        return new LocalSharedIntArray(allocate(shm, CellKind.INT_ARRAY, length, Integer.BYTES), lock);
    }

    @Override
    public int get(int index) {
        return (int) ELEMENT.getVolatile(data, offset(index, SHIFT));
    }

    @Override
    public void set(int index, int value) {
        ELEMENT.setVolatile(data, offset(index, SHIFT), value);
    }

    @Override
    public int getPlain(int index) {
        int offset = offset(index, SHIFT);
        return PlainMemory.BY_ADDRESS ? PlainMemory.getInt(data, address, offset) : (int) ELEMENT.get(data, offset);
    }

    @Override
    public void setPlain(int index, int value) {
        int offset = offset(index, SHIFT);
        if (PlainMemory.BY_ADDRESS) {
            PlainMemory.putInt(data, address, offset, value);
        } else {
            ELEMENT.set(data, offset, value);
        }
    }

    @Override
    public int getAndSet(int index, int value) {
        return (int) ELEMENT.getAndSet(data, offset(index, SHIFT), value);
    }

    @Override
    public boolean compareAndSet(int index, int expected, int value) {
        return ELEMENT.compareAndSet(data, offset(index, SHIFT), expected, value);
    }

    @Override
    public int getAndAdd(int index, int delta) {
        return (int) ELEMENT.getAndAdd(data, offset(index, SHIFT), delta);
    }

    @Override
    public void copyTo(int index, int[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        asBuffer().get(index, target, offset, length);
    }

    @Override
    public void copyFrom(int[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        asBuffer().put(index, source, offset, length);
    }

    @Override
    public void fill(int value) {
        IntBuffer elements = asBuffer();
        for (int i = 0; i < elements.limit(); i++) {
            elements.put(i, value);
        }
    }

    @Override
    public IntBuffer asBuffer() {
        return elements(SHIFT).asIntBuffer();
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
