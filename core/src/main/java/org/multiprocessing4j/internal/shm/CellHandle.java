package org.multiprocessing4j.internal.shm;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What names a cell in any process of the machine: the segment file, the cell's offset in it, and
 * the cell's generation (see {@link CellTable}). This is what a primitive becomes when it is
 * serialized to cross into another process. A class rather than a record, as every handle that
 * JDK serialization carries: a JVM reads its first record of a shape in milliseconds, a class in
 * a fraction of that (decision 0036).
 */
public final class CellHandle implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String segment;
    private final int offset;
    private final CellKind kind;
    private final int generation;

    /**
     * @param segment the segment file's path
     * @param offset the cell's offset in the segment
     * @param kind what the cell holds
     * @param generation which of the primitives that had the cell this is
     */
    public CellHandle(String segment, int offset, CellKind kind, int generation) {
        this.segment = segment;
        this.offset = offset;
        this.kind = kind;
        this.generation = generation;
    }

    /** The segment file's path. */
    public String segment() {
        return segment;
    }

    /** The cell's offset in the segment. */
    public int offset() {
        return offset;
    }

    /** What the cell holds. */
    public CellKind kind() {
        return kind;
    }

    /** Which of the primitives that had the cell this is. */
    public int generation() {
        return generation;
    }

    /**
     * Maps the cell into this process (the segment is mapped once per process) as a copy of its
     * primitive, counted among the cell's users until it is collected.
     *
     * @return the cell
     * @throws IllegalStateException if the segment or the primitive is gone, or the cell holds
     *     another kind
     */
    public Cell attach() {
        Cell cell = CellTable.of(SharedSegment.attach(Path.of(segment))).bind(CellTable.indexOf(offset), kind, generation);
        if (!cell.isA(kind)) {
            throw new IllegalStateException("the cell at " + offset + " of " + segment + " is not a " + kind);
        }
        return cell;
    }

    @Override
    public String toString() {
        return "CellHandle[" + segment + ", " + offset + ", " + kind + ", " + generation + "]";
    }
}
