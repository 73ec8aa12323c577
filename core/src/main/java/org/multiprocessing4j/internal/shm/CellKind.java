package org.multiprocessing4j.internal.shm;

/**
 * What a cell holds. Its tag is written into the cell when it is made, so that a handle that
 * names the wrong kind of cell fails when it is attached instead of corrupting the cell.
 */
public enum CellKind {
    /** A lock, reentrant or not. */
    LOCK(0x4C4F434B),
    /** A condition of a lock. */
    CONDITION(0x434F4E44),
    /** A semaphore, bounded or not. */
    SEMAPHORE(0x53454D41),
    /** An event. */
    EVENT(0x4556454E),
    /** A barrier. */
    BARRIER(0x42415252),
    /** The control block of a message ring (a pipe's direction or a queue). */
    RING(0x52494E47),
    /** A shared {@code int}. */
    INT_VALUE(0x494E5456),
    /** A shared {@code long}. */
    LONG_VALUE(0x4C4E4756),
    /** A shared {@code double}. */
    DOUBLE_VALUE(0x44424C56),
    /** A shared {@code boolean}. */
    BOOLEAN_VALUE(0x424F4F4C),
    /** The header of a shared {@code int} array's segment. */
    INT_ARRAY(0x494E5441),
    /** The header of a shared {@code long} array's segment. */
    LONG_ARRAY(0x4C4E4741),
    /** The header of a shared {@code double} array's segment. */
    DOUBLE_ARRAY(0x44424C41),
    /** The header of a shared {@code byte} array's segment. */
    BYTE_ARRAY(0x42595441),
    /** The header of a shared string's segment. */
    STRING(0x53545247),
    /**
     * The life of an array's or string's segment, in one of its creator's cells: when no process
     * uses the cell any more, the segment's file goes with it.
     */
    SEGMENT_LIFE(0x4C494645);

    private final int tag;

    CellKind(int tag) {
        this.tag = tag;
    }

    /** The cell's last four bytes: the kind's name in ASCII, readable in a hex dump. */
    int tag() {
        return tag;
    }
}
