package org.multiprocessing4j.internal.sync;

import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * The cell of an event ({@link SharedEvent}).
 *
 * <pre>
 *   0                     4                      16                   60     64
 *   +----------------+----+----------------------+--------------------+------+
 *   |     sets       |flag|  wait gate           |      (unused)      | tag  |
 *   +----------------+----+----------------------+--------------------+------+
 *    bits 31..1      bit 0
 * </pre>
 * One {@code int}, changed only by compare-and-set: whether the event is set, and how many times
 * it went from clear to set (wrapping around), so that a waiter can tell it was set meanwhile even
 * if it has been cleared again since.
 */
final class EventLayout {

    static final int STATE = 0;
    static final int GATE = 4;

    static final int FLAG = 1;

    private EventLayout() {
    }

    static boolean hasFlag(int state) {
        return (state & FLAG) != 0;
    }

    /** The state after a set: the flag, and one more set. */
    static int setOnce(int state) {
        return ((state >>> 1) + 1) << 1 | FLAG;
    }
}
