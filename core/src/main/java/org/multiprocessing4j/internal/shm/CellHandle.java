package org.multiprocessing4j.internal.shm;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What names a cell in any process of the machine: the segment file and the cell's offset in
 * it. This is what a primitive becomes when it is serialized to cross into another process.
 *
 * @param segment the segment file's path
 * @param offset the cell's offset in the segment
 * @param kind what the cell holds
 */
public record CellHandle(String segment, int offset, CellKind kind) implements Serializable {

    /**
     * Maps the cell into this process (the segment is mapped once per process).
     *
     * @return the cell
     * @throws IllegalStateException if the segment is gone, or the cell holds another kind
     */
    public Cell attach() {
        Cell cell = new Cell(SharedSegment.attach(Path.of(segment)), offset, kind);
        if (!cell.isA(kind)) {
            throw new IllegalStateException("the cell at " + offset + " of " + segment + " is not a " + kind);
        }
        return cell;
    }
}
