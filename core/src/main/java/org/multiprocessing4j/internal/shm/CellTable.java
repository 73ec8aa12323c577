package org.multiprocessing4j.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.Arrays;
import org.multiprocessing4j.internal.sync.Owners;

/**
 * Which processes use each cell of a cell segment, so that a cell no running process uses any
 * more is given to a new primitive: the table at the start of the segment, and this process's
 * view of it.
 *
 * <pre>
 *   0        64                     576                                  16 960            + 1024 * 64
 *   +--------+----------------------+------------------------------------+-----------------+
 *   | (tag)  | process places:      | per cell, 16 bytes: users (long),  | the cells       |
 *   |        | 64 owner words       | in flight (int), state (int)       |                 |
 *   +--------+----------------------+------------------------------------+-----------------+
 * </pre>
 * A process that uses cells of the segment takes a place (its owner word) the first time; bit
 * {@code p} of a cell's {@code users} says that the process in place {@code p} has a copy of the
 * primitive. Copies within a process are counted here, and the bit goes with the last one, when it
 * is collected ({@link CopyCleaner}). {@code in flight} counts the copies serialized and not yet bound
 * by a receiver; {@code state} is the cell's generation (bits 3 and up), {@code ALLOCATED},
 * {@code PINNED} and {@code FREEING}. A handle names the generation, so a handle that outlived its cell fails to bind
 * instead of binding to the next primitive there.
 *
 * <p>Only the creating process allocates and frees cells. It frees one at once when its own last
 * copy goes and no other process uses it; otherwise it finds such cells when it runs out, counting
 * the places of dead processes out (and freeing those places). A cell bound by a 65th running
 * process is pinned: it is never reused (it costs 64 bytes until the creator exits). A freed
 * {@link CellKind#SEGMENT_LIFE} cell takes its array segment's file with it.
 */
final class CellTable {

    static final int CELLS = 1024;
    /**
     * In a {@link CellKind#SEGMENT_LIFE} cell: the number of the array segment whose life it is,
     * plus one; 0 until the segment's file exists.
     */
    static final int SEGMENT_NUMBER = 0;
    static final int PLACES = 64;
    private static final int PLACES_AT = 64;
    private static final int ENTRIES_AT = PLACES_AT + 8 * PLACES;
    private static final int ENTRY = 16;
    static final int CELLS_AT = ENTRIES_AT + ENTRY * CELLS;
    static final int SEGMENT_SIZE = CELLS_AT + CELLS * Cell.SIZE;

    private static final int USERS = 0;
    private static final int IN_FLIGHT = 8;
    private static final int STATE = 12;
    private static final int ALLOCATED = 1;
    private static final int PINNED = 2;
    /** Set while the creator looks whether a cell may be freed: a binder waits it out. */
    private static final int FREEING = 4;
    private static final int GENERATION = 8;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    final SharedSegment segment;
    private final MappedByteBuffer buffer;
    private final boolean created;
    /** This process's place: -1 before it has one, -2 when the table had none free. */
    private int place = -1;
    private final int[] copies = new int[CELLS];
    // the creator's: cells it freed, and the first never used
    private int[] free = new int[16];
    private int freeCount;
    private int neverUsed;

    private CellTable(SharedSegment segment, boolean created) {
        this.segment = segment;
        this.buffer = segment.buffer();
        this.created = created;
    }

    /** The table of a new cell segment, made by this process, which alone allocates from it. */
    static CellTable create(SharedSegment segment) {
        CellTable table = new CellTable(segment, true);
        segment.cells = table;
        return table;
    }

    /** This process's view of the table of a segment made by another process, or by this one. */
    static CellTable of(SharedSegment segment) {
        synchronized (segment) {
            if (segment.cells == null) {
                segment.cells = new CellTable(segment, false);
            }
            return segment.cells;
        }
    }

    /** The cells freed and not yet given out again. */
    synchronized int freeCells() {
        return freeCount;
    }

    static int indexOf(int offset) {
        return (offset - CELLS_AT) / Cell.SIZE;
    }

    static int offsetOf(int index) {
        return CELLS_AT + index * Cell.SIZE;
    }

    /**
     * A new cell for a primitive of this process, zeroed and tagged, or {@code null} if the
     * table is full.
     */
    synchronized Cell allocate(CellKind kind, boolean reclaim) {
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else if (neverUsed < CELLS) {
            index = neverUsed++;
        } else if (!reclaim || (index = reclaimOne()) < 0) {
            return null;
        }
        int entry = entry(index);
        int generation = (getInt(entry + STATE) & ~(GENERATION - 1)) + GENERATION;
        int base = offsetOf(index);
        for (int at = 0; at < Cell.SIZE; at += 8) {
            LONG.setVolatile(buffer, base + at, 0L);
        }
        INT.setVolatile(buffer, entry + IN_FLIGHT, 0);
        INT.setVolatile(buffer, entry + STATE, generation | ALLOCATED);
        Cell cell = copy(index, kind, generation);
        cell.markAs(kind);
        return cell;
    }

    /**
     * This process's copy of a cell another process sent.
     *
     * @throws IllegalStateException if no process used the cell any more, so it went to another
     *     primitive or was freed
     */
    Cell bind(int index, CellKind kind, int generation) {
        int entry = entry(index);
        if (!isLive(entry, generation)) {
            throw gone(index);
        }
        Cell cell = copy(index, kind, generation);
        // a look leaves the copy in flight to the one who will take it
        if (!SentEnds.looking()) {
            landed(entry);
        }
        // counted before this look: a creator freeing the cell meanwhile saw this process's bit,
        // or it is seen here; a copy of a freed cell is given up at once, not when collected
        if (!isLive(entry, generation)) {
            cell.release();
            throw gone(index);
        }
        return cell;
    }

    /** Whether the cell holds generation {@code generation}, waiting out a creator's look at it. */
    private boolean isLive(int entry, int generation) {
        int state;
        while (((state = getInt(entry + STATE)) & FREEING) != 0) {
            Thread.onSpinWait();
        }
        return (state & ~PINNED) == (generation | ALLOCATED);
    }

    private IllegalStateException gone(int index) {
        return new IllegalStateException("the primitive in cell " + index + " of " + segment.path()
                + " is gone: no process used it any more");
    }

    /** Counts one more copy of the cell in flight, until a receiver binds it or it is given back. */
    void send(int index) {
        INT.getAndAdd(buffer, entry(index) + IN_FLIGHT, 1);
        SentEnds.record(new GiveBack(this, index));
    }

    private Cell copy(int index, CellKind kind, int generation) {
        synchronized (this) {
            if (copies[index]++ == 0) {
                addUser(index);
            }
        }
        Cell cell = new Cell(segment, offsetOf(index), kind, this, generation);
        cell.releasing(CopyCleaner.whenUnreachable(cell, new Release(this, index)));
        return cell;
    }

    private void addUser(int index) {
        int entry = entry(index);
        if (place < 0) {
            // again while there was none: places of dead processes are freed now and then
            place = takePlace();
        }
        if (place < 0) {
            int state;
            do {
                state = getInt(entry + STATE);
            } while (!INT.compareAndSet(buffer, entry + STATE, state, state | PINNED));
            return;
        }
        changeUsers(entry, 1L << place, 0);
    }

    /** This process's place: the one it took before (a view made again after the last was collected), or a free one. */
    private int takePlace() {
        for (int p = 0; p < PLACES; p++) {
            if ((long) LONG.getVolatile(buffer, PLACES_AT + 8 * p) == Owners.SELF) {
                return p;
            }
        }
        for (int p = 0; p < PLACES; p++) {
            if ((long) LONG.getVolatile(buffer, PLACES_AT + 8 * p) == 0
                    && LONG.compareAndSet(buffer, PLACES_AT + 8 * p, 0L, Owners.SELF)) {
                return p;
            }
        }
        return -2;
    }

    /** The last copy of the cell in this process is gone. */
    private synchronized void released(int index) {
        if (--copies[index] > 0 || place < 0) {
            return;
        }
        if (changeUsers(entry(index), 0, 1L << place) == 0 && created) {
            freeIfUnused(index);
        }
    }

    /** Sets and clears bits of a cell's users; returns the users after. */
    private long changeUsers(int entry, long set, long clear) {
        long users;
        long after;
        do {
            users = (long) LONG.getVolatile(buffer, entry + USERS);
            after = (users | set) & ~clear;
        } while (users != after && !LONG.compareAndSet(buffer, entry + USERS, users, after));
        return after;
    }

    /** One copy in flight has been bound or given back; a count that would go below zero stays at zero. */
    private void landed(int entry) {
        int flying;
        do {
            flying = getInt(entry + IN_FLIGHT);
        } while (flying > 0 && !INT.compareAndSet(buffer, entry + IN_FLIGHT, flying, flying - 1));
    }

    private void givenBack(int index) {
        int entry = entry(index);
        landed(entry);
        if (created) {
            synchronized (this) {
                if (copies[index] == 0 && (long) LONG.getVolatile(buffer, entry + USERS) == 0) {
                    freeIfUnused(index);
                }
            }
        }
    }

    /** Frees a cell nobody uses, nothing is in flight for, and no process pinned. */
    private boolean freeIfUnused(int index) {
        int entry = entry(index);
        int state = getInt(entry + STATE);
        // marked first, then looked at: a binder either sees the mark, or has its bit set by now
        if ((state & (ALLOCATED | PINNED | FREEING)) != ALLOCATED
                || !INT.compareAndSet(buffer, entry + STATE, state, state | FREEING)) {
            return false;
        }
        boolean unused = getInt(entry + IN_FLIGHT) == 0 && (long) LONG.getVolatile(buffer, entry + USERS) == 0;
        int marked;
        int after;
        do {
            // a binder may have pinned it meanwhile: then it stays
            marked = getInt(entry + STATE);
            unused &= (marked & PINNED) == 0;
            after = unused ? marked & ~(FREEING | ALLOCATED) : marked & ~FREEING;
        } while (!INT.compareAndSet(buffer, entry + STATE, marked, after));
        if (!unused) {
            return false;
        }
        int file = getInt(offsetOf(index) + SEGMENT_NUMBER);
        if (getInt(offsetOf(index) + Cell.TAG_OFFSET) == CellKind.SEGMENT_LIFE.tag() && file > 0) {
            SharedSegment.unlinkSibling(SegmentDirectory.arrayFile(segment.path().getParent(), file - 1));
        }
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = index;
        return true;
    }

    /**
     * Counts the places of dead processes out, then frees every cell no running process uses;
     * returns one of them, or -1.
     */
    private int reclaimOne() {
        for (int p = 0; p < PLACES; p++) {
            long word = (long) LONG.getVolatile(buffer, PLACES_AT + 8 * p);
            if (word != 0 && word != Owners.SELF && Owners.isGone(word)) {
                for (int index = 0; index < CELLS; index++) {
                    changeUsers(entry(index), 0, 1L << p);
                }
                LONG.compareAndSet(buffer, PLACES_AT + 8 * p, word, 0L);
            }
        }
        for (int index = 0; index < CELLS; index++) {
            if (copies[index] == 0) {
                freeIfUnused(index);
            }
        }
        return freeCount > 0 ? free[--freeCount] : -1;
    }

    private static int entry(int index) {
        return ENTRIES_AT + ENTRY * index;
    }

    private int getInt(int at) {
        return (int) INT.getVolatile(buffer, at);
    }

    /** What a collected copy gives up; it must not reference the copy. */
    private record Release(CellTable table, int index) implements Runnable {

        @Override
        public void run() {
            table.released(index);
        }
    }

    /**
     * A copy in flight, as {@link SentEnds} gives it back. A count cannot tell whose copy a
     * receiver took over, so a copy whose bytes may have been read is counted sent, not given back.
     */
    private record GiveBack(CellTable table, int index) implements SentEnds.InFlight {

        @Override
        public void giveBack() {
            table.givenBack(index);
        }

        @Override
        public boolean knowsItsReceiver() {
            return false;
        }
    }
}
