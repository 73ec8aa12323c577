package org.multiprocessing4j.internal.local;

import java.lang.invoke.VarHandle;
import java.nio.LongBuffer;
import java.util.Arrays;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedLongArray;
import org.multiprocessing4j.internal.shm.ArraySegment;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.PlainMemory;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/** The local backend's {@link SharedLongArray}; see {@link LocalSharedArray}. */
final class LocalSharedLongArray extends LocalSharedArray implements SharedLongArray {

    private static final long serialVersionUID = 1L;
    private static final VarHandle ELEMENT = elementsOf(long[].class);
    private static final int SHIFT = 3;

    LocalSharedLongArray(ArraySegment segment, RobustLock lock) {
        super(segment, lock, SHIFT);
    }

    static LocalSharedLongArray create(SegmentDirectory shm, int length, RobustLock lock) {
        return new LocalSharedLongArray(allocate(shm, CellKind.LONG_ARRAY, length, Long.BYTES), lock);
    }

    @Override
    public long get(int index) {
        return (long) ELEMENT.getVolatile(data, offset(index, SHIFT));
    }

    @Override
    public void set(int index, long value) {
        ELEMENT.setVolatile(data, offset(index, SHIFT), value);
    }

    @Override
    public long getPlain(int index) {
        int offset = offset(index, SHIFT);
        return PlainMemory.BY_ADDRESS ? PlainMemory.getLong(data, address, offset) : (long) ELEMENT.get(data, offset);
    }

    @Override
    public void setPlain(int index, long value) {
        int offset = offset(index, SHIFT);
        if (PlainMemory.BY_ADDRESS) {
            PlainMemory.putLong(data, address, offset, value);
        } else {
            ELEMENT.set(data, offset, value);
        }
    }

    @Override
    public long getAndSet(int index, long value) {
        return (long) ELEMENT.getAndSet(data, offset(index, SHIFT), value);
    }

    @Override
    public boolean compareAndSet(int index, long expected, long value) {
        return ELEMENT.compareAndSet(data, offset(index, SHIFT), expected, value);
    }

    @Override
    public long getAndAdd(int index, long delta) {
        return (long) ELEMENT.getAndAdd(data, offset(index, SHIFT), delta);
    }

    @Override
    public void copyTo(int index, long[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        asBuffer().get(index, target, offset, length);
    }

    @Override
    public void copyFrom(long[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        asBuffer().put(index, source, offset, length);
    }

    @Override
    public void fill(long value) {
        LongBuffer elements = asBuffer();
        for (int i = 0; i < elements.limit(); i++) {
            elements.put(i, value);
        }
    }

    @Override
    public LongBuffer asBuffer() {
        return elements(SHIFT).asLongBuffer();
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
