package org.multiprocessing4j.internal.shm;

import java.io.Serializable;
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
 *
 * <p>The segment's life is a cell of its creator's ({@link CellKind#SEGMENT_LIFE}): every process
 * that has the array has a copy of that cell, and when no running process has one any more, the
 * creator reuses the cell and removes the file.
 */
public final class ArraySegment {

    /** The bytes before the data. */
    public static final int HEADER = Cell.SIZE;
    /**
     * The most data bytes a segment holds, a multiple of 8: one mapping is at most 2 GiB
     * ({@link Integer#MAX_VALUE} bytes).
     */
    public static final int MAX_DATA = (Integer.MAX_VALUE - HEADER) & ~7;

    /**
     * What names an array segment in every process: its file, and the cell that stands for its
     * life (whose users are the segment's). A class, as {@link CellHandle} is.
     */
    public static final class Handle implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String path;
        private final CellHandle life;

        Handle(String path, CellHandle life) {
            this.path = path;
            this.life = life;
        }

        @Override
        public String toString() {
            return "ArraySegment.Handle[" + path + ", " + life + "]";
        }
    }

    private final SharedSegment segment;
    private final CellKind kind;
    /** This process's copy of the segment's life: while some process has one, the file stays. */
    private final Cell life;

    private ArraySegment(SharedSegment segment, CellKind kind, Cell life) {
        this.segment = segment;
        this.kind = kind;
        this.life = life;
    }

    /**
     * A new array segment in the file {@code file}, its header tagged; see
     * {@link SegmentDirectory#createArray}. {@code life} records the file's number, so that the
     * file goes with the cell (see {@link CellTable}).
     */
    static ArraySegment create(Path file, int number, CellKind kind, int dataBytes, Cell life) {
        if (dataBytes < 0 || dataBytes > MAX_DATA) {
            throw new IllegalArgumentException("an array segment holds 0 to " + MAX_DATA + " data bytes: " + dataBytes);
        }
        ArraySegment array = new ArraySegment(SharedSegment.create(file, HEADER + dataBytes), kind, life);
        array.header().markAs(kind);
        // only now that the file exists may the cell take it with it
        life.putIntVolatile(CellTable.SEGMENT_NUMBER, number + 1);
        return array;
    }

    /**
     * The array segment {@code handle} names, mapped into this process (once per process).
     *
     * @param handle what names it
     * @param kind what it must hold
     * @return the segment
     * @throws IllegalStateException if the file is gone or holds another kind of array
     */
    public static ArraySegment attach(Handle handle, CellKind kind) {
        Cell life = handle.life.attach();
        ArraySegment array = new ArraySegment(SharedSegment.attach(Path.of(handle.path)), kind, life);
        if (!array.header().isA(kind)) {
            throw new IllegalStateException(handle.path + " is not the segment of a " + kind);
        }
        return array;
    }

    /**
     * What another process needs to attach this segment; it is held in flight until one does.
     *
     * @return the handle
     */
    public Handle handle() {
        return new Handle(path(), life.handle());
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
