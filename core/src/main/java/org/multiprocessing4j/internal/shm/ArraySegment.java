package org.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A segment holding one array: a header cell, then the array's data.
 *
 * <pre>
 *   0               64                                         64 + data bytes
 *   +---------------+--------------------------------------------+
 *   |  header cell  |  data                                      |
 *   |  (its kind)   |                                            |
 *   +---------------+--------------------------------------------+
 * </pre>
 * The header's tag says what the array holds (a {@link CellKind} such as
 * {@link CellKind#DOUBLE_ARRAY}), so that a handle naming another kind of array fails when it is
 * attached; the header's fields are the business of the array that uses it. The data begins
 * cache-line aligned, so an element of up to 8 bytes at a multiple of its size is aligned as
 * atomic access requires.
 */
public final class ArraySegment {

    /** The bytes before the data. */
    public static final int HEADER = Cell.SIZE;
    /**
     * The most data bytes a segment holds, a multiple of 8: one mapping is at most 2 GiB
     * ({@link Integer#MAX_VALUE} bytes).
     */
    public static final int MAX_DATA = (Integer.MAX_VALUE - HEADER) & ~7;

    private final SharedSegment segment;
    private final CellKind kind;

    private ArraySegment(SharedSegment segment, CellKind kind) {
        this.segment = segment;
        this.kind = kind;
    }

    /** A new array segment in the file {@code file}, its header tagged; see {@link SegmentDirectory#createArray}. */
    static ArraySegment create(Path file, CellKind kind, int dataBytes) {
        if (dataBytes < 0 || dataBytes > MAX_DATA) {
            throw new IllegalArgumentException("an array segment holds 0 to " + MAX_DATA + " data bytes: " + dataBytes);
        }
        ArraySegment array = new ArraySegment(SharedSegment.create(file, HEADER + dataBytes), kind);
        array.header().markAs(kind);
        return array;
    }

    /**
     * The array segment at {@code path}, mapped into this process (once per process).
     *
     * @param path the segment file
     * @param kind what it must hold
     * @return the segment
     * @throws IllegalStateException if the file is gone or holds another kind of array
     */
    public static ArraySegment attach(String path, CellKind kind) {
        ArraySegment array = new ArraySegment(SharedSegment.attach(Path.of(path)), kind);
        if (!array.header().isA(kind)) {
            throw new IllegalStateException(path + " is not the segment of a " + kind);
        }
        return array;
    }

    /** The file, which names the segment in every process. */
    public String path() {
        return segment.path().toString();
    }

    /** What the array holds. */
    public CellKind kind() {
        return kind;
    }

    /** The header cell. */
    public Cell header() {
        return new Cell(segment, 0, kind);
    }

    /**
     * The data: a view of the shared memory itself, in the platform's byte order, from position 0 to
     * its end; a new buffer each call, so that callers may move its position.
     *
     * @return the view
     */
    public ByteBuffer data() {
        ByteBuffer mapped = segment.buffer();
        return mapped.slice(HEADER, mapped.capacity() - HEADER).order(ByteOrder.nativeOrder());
    }
}
