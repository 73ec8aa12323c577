package org.multiprocessing4j.internal.shm;

import java.nio.file.Path;
import org.multiprocessing4j.internal.launch.LocalContext;

/**
 * Hands out cells for new primitives from segments of this process, files {@code cells-N.shm} in
 * its session directory, so that the files disappear when the process exits.
 *
 * <p>A segment holds {@value #CELLS_PER_SEGMENT} cells; a new one is made when it is full. Cells
 * are not reused: a primitive's cell lives as long as the process that created it, since another
 * process may still use it after the creator has dropped its last reference.
 */
public final class CellAllocator {

    static final int CELLS_PER_SEGMENT = 1024;

    private static SharedSegment current;
    private static int segments;
    private static int used;

    private CellAllocator() {
    }

    /**
     * A new zeroed cell, tagged with {@code kind}.
     *
     * @param kind what the cell will hold
     * @return the cell
     */
    public static synchronized Cell allocate(CellKind kind) {
        if (current == null || used == CELLS_PER_SEGMENT) {
            Path file = LocalContext.instance().sessionPath().resolve("cells-" + segments + ".shm");
            current = SharedSegment.create(file, CELLS_PER_SEGMENT * Cell.SIZE);
            segments++;
            used = 0;
        }
        Cell cell = new Cell(current, used * Cell.SIZE, kind);
        used++;
        cell.markAs(kind);
        return cell;
    }
}
