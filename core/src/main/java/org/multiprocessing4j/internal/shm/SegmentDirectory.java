package org.multiprocessing4j.internal.shm;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where one process creates its shared segments: ring files {@code ring-N.shm}, and cell
 * segments {@code cells-N.shm} from which primitives take a cell each, in a directory its owner
 * supplies (the process's session directory, made on first use), so that the files disappear with
 * that directory.
 *
 * <p>A cell segment holds {@value #CELLS_PER_SEGMENT} cells; a new one is made when it is full.
 * Cells are not reused: a primitive's cell lives as long as the directory, since another process
 * may still use it after the creator has dropped its last reference.
 */
public final class SegmentDirectory {

    static final int CELLS_PER_SEGMENT = 1024;

    private final Supplier<Path> directory;
    private final AtomicInteger rings = new AtomicInteger();
    private final AtomicInteger arrays = new AtomicInteger();
    private SharedSegment cells;
    private int cellSegments;
    private int usedCells;

    /**
     * @param directory the directory, asked for when the first segment is made
     */
    public SegmentDirectory(Supplier<Path> directory) {
        this.directory = directory;
    }

    /**
     * A new ring segment, with both control cells tagged.
     *
     * @param capacity the data bytes, a power of two from 4096 to 2^30
     * @return the segment
     */
    public RingSegment createRing(int capacity) {
        if (capacity < 4096 || Integer.bitCount(capacity) != 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("a ring's capacity must be a power of two from 4096 to 2^30: " + capacity);
        }
        return RingSegment.create(directory.get().resolve("ring-" + rings.getAndIncrement() + ".shm"), capacity);
    }

    /**
     * A new array segment, a file {@code array-N.shm}: a header cell tagged with {@code kind}, then
     * {@code dataBytes} zero bytes.
     *
     * @param kind what the array holds
     * @param dataBytes the size of its data, from 0 to {@link ArraySegment#MAX_DATA}
     * @return the segment
     */
    public ArraySegment createArray(CellKind kind, int dataBytes) {
        Path file = directory.get().resolve("array-" + arrays.getAndIncrement() + ".shm");
        return ArraySegment.create(file, kind, dataBytes);
    }

    /**
     * A new zeroed cell, tagged with {@code kind}.
     *
     * @param kind what the cell will hold
     * @return the cell
     */
    public synchronized Cell allocateCell(CellKind kind) {
        if (cells == null || usedCells == CELLS_PER_SEGMENT) {
            cells = SharedSegment.create(directory.get().resolve("cells-" + cellSegments + ".shm"),
                    CELLS_PER_SEGMENT * Cell.SIZE);
            cellSegments++;
            usedCells = 0;
        }
        Cell cell = new Cell(cells, usedCells * Cell.SIZE, kind);
        usedCells++;
        cell.markAs(kind);
        return cell;
    }
}
