package org.multiprocessing4j.internal.sync;

import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * The cell of a semaphore ({@link SharedSemaphore}).
 *
 * <pre>
 *   0           4           8                      20                  60     64
 *   +-----------+-----------+----------------------+-------------------+------+
 *   |  permits  |   bound   |  wait gate           |     (unused)      | tag  |
 *   +-----------+-----------+----------------------+-------------------+------+
 * </pre>
 * {@code permits} is changed only by compare-and-set; {@code bound} is written once at creation:
 * the most permits a bounded semaphore may hold, or 0 for an unbounded one.
 */
final class SemaphoreLayout {

    static final int PERMITS = 0;
    static final int BOUND = 4;
    static final int GATE = 8;

    /** The bound of an unbounded semaphore. */
    static final int UNBOUNDED = 0;

    private SemaphoreLayout() {
    }
}
