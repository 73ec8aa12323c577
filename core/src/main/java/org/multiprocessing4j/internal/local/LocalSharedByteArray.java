package org.multiprocessing4j.internal.local;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedByteArray;
import org.multiprocessing4j.internal.shm.ArraySegment;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.PlainMemory;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/**
 * The local backend's {@link SharedByteArray}; see {@link LocalSharedArray}.
 *
 * <p>Implementation note. A {@link VarHandle} does not view a buffer's bytes one by one, so a
 * volatile read is a plain read followed by an acquire fence, a volatile write a plain write
 * between a release fence and a full fence (what the JVM emits for volatile fields), and
 * compare-and-set is a compare-and-set of the aligned {@code int} that holds the byte, retried
 * while only its other bytes change: the data is a multiple of 8 bytes long, so that {@code int}
 * is always inside it.
 */
final class LocalSharedByteArray extends LocalSharedArray implements SharedByteArray {

    private static final long serialVersionUID = 1L;
    private static final VarHandle WORD = elementsOf(int[].class);
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    LocalSharedByteArray(ArraySegment segment, RobustLock lock) {
        super(segment, lock, 0);
    }

    static LocalSharedByteArray create(SegmentDirectory shm, int length, RobustLock lock) {
        return new LocalSharedByteArray(allocate(shm, CellKind.BYTE_ARRAY, length, Byte.BYTES), lock);
    }

    @Override
    public byte get(int index) {
        byte value = data.get(offset(index, 0));
        VarHandle.acquireFence();
        return value;
    }

    @Override
    public void set(int index, byte value) {
        int offset = offset(index, 0);
        VarHandle.releaseFence();
        data.put(offset, value);
        VarHandle.fullFence();
    }

    @Override
    public byte getPlain(int index) {
        int offset = offset(index, 0);
        return PlainMemory.BY_ADDRESS ? PlainMemory.getByte(data, address, offset) : data.get(offset);
    }

    @Override
    public void setPlain(int index, byte value) {
        int offset = offset(index, 0);
        if (PlainMemory.BY_ADDRESS) {
            PlainMemory.putByte(data, address, offset, value);
        } else {
            data.put(offset, value);
        }
    }

    @Override
    public boolean compareAndSet(int index, byte expected, byte value) {
        int offset = offset(index, 0);
        int word = offset & ~3;
        int shift = 8 * (LITTLE_ENDIAN ? offset & 3 : 3 - (offset & 3));
        int mask = 0xFF << shift;
        while (true) {
            int old = (int) WORD.getVolatile(data, word);
            if ((byte) (old >>> shift) != expected) {
                return false;
            }
            if (WORD.compareAndSet(data, word, old, (old & ~mask) | ((value & 0xFF) << shift))) {
                return true;
            }
        }
    }

    @Override
    public void copyTo(int index, byte[] target, int offset, int length) {
        checkCopy(index, offset, length, target.length);
        data.get(index, target, offset, length);
    }

    @Override
    public void copyFrom(byte[] source, int offset, int index, int length) {
        checkCopy(index, offset, length, source.length);
        data.put(index, source, offset, length);
    }

    @Override
    public void fill(byte value) {
        for (int i = 0; i < length(); i++) {
            data.put(i, value);
        }
    }

    @Override
    public ByteBuffer asBuffer() {
        return elements(0);
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
