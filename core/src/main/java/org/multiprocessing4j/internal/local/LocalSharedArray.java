package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedArray;
import org.multiprocessing4j.internal.shm.ArraySegment;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.PlainMemory;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's shared arrays: the elements in a segment of their own (an
 * {@link ArraySegment} whose header holds the length at {@link #LENGTH}), and the array's lock, if
 * it has one. Single elements are read and written with {@link VarHandle} accesses of the
 * segment's data, volatile and atomic, or plain ones by address ({@link PlainMemory}) where that
 * is faster than the buffer's; bulk copies and fills go through buffer views of the data,
 * and {@code asBuffer()} is such a view. An array lives in shared memory of the process that
 * created it, as a lock does (see {@link LocalRobustLock}).
 */
abstract sealed class LocalSharedArray implements SharedArray, Serializable
        permits LocalSharedIntArray, LocalSharedLongArray, LocalSharedDoubleArray, LocalSharedByteArray {

    private static final long serialVersionUID = 1L;

    /** Where the length is in the header cell. */
    static final int LENGTH = 0;

    private final transient ArraySegment segment;
    /**
     * The segment's data, in the platform's byte order: the elements, then up to 7 bytes that make
     * it a multiple of 8. Only absolute accesses are made on it, which leave its position alone, so
     * every thread shares it.
     */
    final transient ByteBuffer data;
    /** Where {@link #data} begins, for {@link PlainMemory}'s accesses. */
    final transient long address;
    private final transient int length;
    private final transient RobustLock lock;

    /**
     * @param segment the array's segment
     * @param lock its lock, or {@code null}
     * @param shift log2 of the size of its elements
     * @throws IllegalStateException if the length in the header does not fit the segment's data,
     *     which every access by index then relies on
     */
    LocalSharedArray(ArraySegment segment, RobustLock lock, int shift) {
        this.segment = segment;
        this.data = segment.data();
        this.address = PlainMemory.address(data);
        this.length = segment.header().getIntVolatile(LENGTH);
        this.lock = lock;
        if (length < 0 || ((long) length << shift) > data.capacity()) {
            throw new IllegalStateException("the array segment " + segment.path() + " has " + data.capacity()
                    + " bytes of data, too few for its length " + length);
        }
    }

    /**
     * A {@link VarHandle} of the elements of type {@code arrayType} in {@link #data}: its
     * coordinates are a buffer and a byte offset.
     *
     * @param arrayType the array class of the element type, such as {@code long[].class}
     * @return the handle
     */
    static VarHandle elementsOf(Class<?> arrayType) {
        return MethodHandles.byteBufferViewVarHandle(arrayType, ByteOrder.nativeOrder());
    }

    /**
     * A new segment for {@code length} zero elements of {@code elementBytes} bytes each, its data
     * rounded up to a multiple of 8 bytes.
     *
     * @param shm where it is made
     * @param kind what it holds
     * @param length how many elements
     * @param elementBytes the size of one
     * @return the segment
     * @throws IllegalArgumentException if {@code length} is negative, or so large that the array
     *     would not fit one mapping
     */
    static ArraySegment allocate(SegmentDirectory shm, CellKind kind, int length, int elementBytes) {
        if (length < 0) {
            throw new IllegalArgumentException("a shared array's length must be at least 0: " + length);
        }
        long bytes = (long) length * elementBytes;
        if (bytes > ArraySegment.MAX_DATA) {
            throw new IllegalArgumentException("a shared array of " + elementBytes + "-byte elements holds at most "
                    + ArraySegment.MAX_DATA / elementBytes + " of them, in one mapping of at most 2 GiB: " + length);
        }
        ArraySegment segment = shm.createArray(kind, (int) ((bytes + 7) & ~7));
        segment.header().putIntVolatile(LENGTH, length);
        return segment;
    }

    @Override
    public final int length() {
        return length;
    }

    @Override
    public final RobustLock lock() {
        return LocalSharedValue.requireLock(lock);
    }

    /**
     * Where element {@code index} is in {@link #data}.
     *
     * @param index the element
     * @param shift log2 of the element's size
     * @return its byte offset
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    final int offset(int index, int shift) {
        return Objects.checkIndex(index, length) << shift;
    }

    /**
     * The elements alone, for a view of them: a new buffer in the platform's byte order.
     *
     * @param shift log2 of the element's size
     * @return the buffer
     */
    final ByteBuffer elements(int shift) {
        return data.slice(0, length << shift).order(ByteOrder.nativeOrder());
    }

    /**
     * Checks the ranges of a bulk copy of {@code count} elements from or to element {@code index},
     * and to or from a Java array of {@code arrayLength} from {@code offset} on.
     *
     * @throws IndexOutOfBoundsException if either range is out of its array
     */
    final void checkCopy(int index, int offset, int count, int arrayLength) {
        Objects.checkFromIndexSize(index, count, length);
        Objects.checkFromIndexSize(offset, count, arrayLength);
    }

    /** Crosses into another process as a handle to the same segment, with the same lock. */
    final Object writeReplace() {
        return new Handle(segment.handle(), segment.kind(), lock);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared array is deserialized from its handle only");
    }

    /** The segment's kind says which type of array to bind. */
    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final ArraySegment.Handle segment;
        private final CellKind kind;
        private final RobustLock lock;

        Handle(ArraySegment.Handle segment, CellKind kind, RobustLock lock) {
            this.segment = segment;
            this.kind = kind;
            this.lock = lock;
        }

        @Override
        protected Object bind() throws InvalidObjectException {
            switch (kind) {
                case INT_ARRAY:
                    return new LocalSharedIntArray(ArraySegment.attach(segment, kind), lock);
                case LONG_ARRAY:
                    return new LocalSharedLongArray(ArraySegment.attach(segment, kind), lock);
                case DOUBLE_ARRAY:
                    return new LocalSharedDoubleArray(ArraySegment.attach(segment, kind), lock);
                case BYTE_ARRAY:
                    return new LocalSharedByteArray(ArraySegment.attach(segment, kind), lock);
                default:
                    throw new InvalidObjectException("a " + kind + " segment is not a shared array");
            }
        }
    }
}
