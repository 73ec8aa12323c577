package org.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A segment holding one ring of bytes: {@value #CONTROL_CELLS} control cells, then the ring's data.
 *
 * <pre>
 *   0              64                 64 * CONTROL_CELLS = HEADER             HEADER + capacity
 *   +--------------+-- - - - ---------+-------------------------------------------+
 *   | control cell |  control cells   |  data: bytes at position p live at        |
 *   |  (RING)      |  (RING)          |  HEADER + (p mod capacity)                |
 *   +--------------+-- - - - ---------+-------------------------------------------+
 * </pre>
 * What the control cells hold is the business of the ring that uses them; this class only maps
 * the file and copies bytes in and out of the data area, wrapping at its end. Positions are
 * {@code long}s that only grow, so that a full ring and an empty one differ.
 */
public final class RingSegment {

    /** How many control cells come before the data. */
    public static final int CONTROL_CELLS = 68;
    /** The bytes before the data. */
    public static final int HEADER = CONTROL_CELLS * Cell.SIZE;

    private final SharedSegment segment;
    private final MappedByteBuffer buffer;
    private final int capacity;
    private final int mask;

    private RingSegment(SharedSegment segment) {
        this.segment = segment;
        this.buffer = segment.buffer();
        this.capacity = buffer.capacity() - HEADER;
        this.mask = capacity - 1;
    }

    /** A new ring segment in the file {@code file}, every control cell tagged; see {@link SegmentDirectory#createRing}. */
    static RingSegment create(Path file, int capacity) {
        RingSegment ring = new RingSegment(SharedSegment.create(file, HEADER + capacity));
        for (int index = 0; index < CONTROL_CELLS; index++) {
            ring.control(index).markAs(CellKind.RING);
        }
        return ring;
    }

    /**
     * The ring segment at {@code path}, mapped into this process (once per process).
     *
     * @param path the segment file
     * @return the segment
     * @throws IllegalStateException if the file is gone or is not a ring
     */
    public static RingSegment attach(String path) {
        RingSegment ring = new RingSegment(SharedSegment.attach(Path.of(path)));
        if (!ring.control(0).isA(CellKind.RING) || !ring.control(1).isA(CellKind.RING)) {
            throw new IllegalStateException(path + " is not a ring segment");
        }
        return ring;
    }

    /** Removes the segment's file once no process will use the ring again; those that map it keep it. */
    public void unlink() {
        segment.unlink();
    }

    /** The file, which names the segment in every process. */
    public String path() {
        return segment.path().toString();
    }

    /** The data bytes. */
    public int capacity() {
        return capacity;
    }

    /**
     * One of the control cells.
     *
     * @param index from 0 to {@value #CONTROL_CELLS} - 1
     * @return the cell
     */
    public Cell control(int index) {
        return new Cell(segment, index * Cell.SIZE, CellKind.RING);
    }

    /** Copies {@code length} bytes of {@code source} to the ring at {@code position}, wrapping. */
    public void write(long position, byte[] source, int offset, int length) {
        int at = (int) (position & mask);
        int first = Math.min(length, capacity - at);
        buffer.put(HEADER + at, source, offset, first);
        if (first < length) {
            buffer.put(HEADER, source, offset + first, length - first);
        }
    }

    /** Copies {@code length} bytes of the ring at {@code position} to {@code target}, wrapping. */
    public void read(long position, byte[] target, int offset, int length) {
        int at = (int) (position & mask);
        int first = Math.min(length, capacity - at);
        buffer.get(HEADER + at, target, offset, first);
        if (first < length) {
            buffer.get(HEADER, target, offset + first, length - first);
        }
    }

    /**
     * Copies {@code length} bytes of the ring at {@code position} out, wrapping, into a buffer of
     * the segment's byte order, for reading the records in them.
     */
    public ByteBuffer copy(long position, int length) {
        byte[] bytes = new byte[length];
        read(position, bytes, 0, length);
        return ByteBuffer.wrap(bytes).order(buffer.order());
    }

    /** Writes an {@code int} at an 8-byte aligned position (it never wraps). */
    public void putInt(long position, int value) {
        buffer.putInt(HEADER + (int) (position & mask), value);
    }

    /** Reads an {@code int} at an 8-byte aligned position. */
    public int getInt(long position) {
        return buffer.getInt(HEADER + (int) (position & mask));
    }

    /** Writes a {@code long} at an 8-byte aligned position. */
    public void putLong(long position, long value) {
        buffer.putLong(HEADER + (int) (position & mask), value);
    }

    /** Reads a {@code long} at an 8-byte aligned position. */
    public long getLong(long position) {
        return buffer.getLong(HEADER + (int) (position & mask));
    }
}
