package org.multiprocessing4j.internal.sync;

import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * The cell of a condition ({@link SharedCondition}).
 *
 * <pre>
 *   0                        4                      16                60     64
 *   +------------+-----------+----------------------+-----------------+------+
 *   |  waiters   |  signals  |  wait gate           |    (unused)     | tag  |
 *   +------------+-----------+----------------------+-----------------+------+
 *    bits 31..16  bits 15..0
 * </pre>
 * One {@code int}, changed only by compare-and-set: the threads waiting, in any process, and the
 * signals sent to them and not yet taken ({@code signals <= waiters}). Then the {@link WaitGate}.
 */
final class ConditionLayout {

    static final int STATE = 0;
    static final int GATE = 4;

    /** The most threads that may wait at once on one condition. */
    static final int MAX_WAITERS = 0xFFFF;

    private ConditionLayout() {
    }

    static int waiters(int state) {
        return state >>> 16;
    }

    static int signals(int state) {
        return state & 0xFFFF;
    }

    static int state(int waiters, int signals) {
        return (waiters << 16) | signals;
    }
}
