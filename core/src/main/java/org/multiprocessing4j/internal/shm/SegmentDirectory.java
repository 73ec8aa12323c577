package org.multiprocessing4j.internal.shm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where one process creates its shared segments: ring files {@code ring-N.shm}, and cell
 * segments {@code cells-N.shm} from which primitives take a cell each, in a directory its owner
 * supplies (the process's session directory, made on first use), so that the files disappear with
 * that directory.
 *
 * <p>A ring's file is removed by the ring once no process holds it. A cell segment holds
 * {@value CellTable#CELLS} cells and the table of their users ({@link CellTable}); a cell no
 * running process uses any more goes to the next primitive, and a new segment is made only when
 * none is free in the segments made before (past {@value #COLLECT_AT} segments, only when none is
 * free after a collection either). The segments of cells stay until the directory goes.
 */
public final class SegmentDirectory {

    private static final int COLLECT_AT = 16;
    private static final int COLLECTION_WAIT_MILLIS = 500;

    private final Supplier<Path> directory;
    private final AtomicInteger rings = new AtomicInteger();
    private final List<CellTable> cellTables = new ArrayList<>();
    /** How many cell segments there must be before a new one is made only after a collection. */
    private int nextCollection = COLLECT_AT;
    private final AtomicInteger arrays = new AtomicInteger();

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
        int number = arrays.getAndIncrement();
        return ArraySegment.create(arrayFile(directory.get(), number), number, kind, dataBytes,
                allocateCell(CellKind.SEGMENT_LIFE));
    }

    /** The file of array segment {@code number} in {@code directory}. */
    static Path arrayFile(Path directory, int number) {
        return directory.resolve("array-" + number + ".shm");
    }

    /**
     * A zeroed cell, tagged with {@code kind}: one that no process uses any more, or a new one.
     *
     * @param kind what the cell will hold
     * @return the cell, this process's copy of the primitive it will hold
     */
    public synchronized Cell allocateCell(CellKind kind) {
        Cell cell = fromTables(kind, false);
        if (cell == null) {
            // all in use, as far as this process knows: look for cells other processes gave up
            cell = fromTables(kind, true);
        }
        if (cell == null && cellTables.size() >= nextCollection) {
            // the collector alone would let hundreds of thousands of unreachable primitives, a few
            // small objects each, keep their cells
            int freed = RequestedCollection.collect(this::freeCells, COLLECTION_WAIT_MILLIS);
            // a collection that gave a segment's worth back is worth the next time too; one that
            // did not means the primitives are alive, and the next waits until there are half as many more
            nextCollection = freed >= CellTable.CELLS ? cellTables.size()
                    : cellTables.size() + Math.max(COLLECT_AT, cellTables.size() / 2);
            cell = fromTables(kind, false);
        }
        if (cell != null) {
            return cell;
        }
        CellTable table = CellTable.create(SharedSegment.create(
                directory.get().resolve("cells-" + cellTables.size() + ".shm"), CellTable.SEGMENT_SIZE));
        cellTables.add(table);
        return table.allocate(kind, false);
    }

    /** A cell from the segments made so far, newest first (its never used cells cost no look at the others), or {@code null}. */
    private Cell fromTables(CellKind kind, boolean reclaim) {
        for (int i = cellTables.size() - 1; i >= 0; i--) {
            Cell cell = cellTables.get(i).allocate(kind, reclaim);
            if (cell != null) {
                return cell;
            }
        }
        return null;
    }

    private int freeCells() {
        int free = 0;
        for (CellTable table : cellTables) {
            free += table.freeCells();
        }
        return free;
    }
}
