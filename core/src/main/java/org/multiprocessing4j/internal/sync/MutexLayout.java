package org.multiprocessing4j.internal.sync;

import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * The cell of a lock ({@link RobustMutex}).
 *
 * <pre>
 *   0              8              16        20                    36          60     64
 *   +--------------+--------------+---------+---------------------+-----------+------+
 *   |    owner     |    holder    |  holds  |  wait gate          |  (unused) | tag  |
 *   +--------------+--------------+---------+---------------------+-----------+------+
 * </pre>
 * <ul>
 *   <li>{@code owner} ({@code long}): the holding process's {@linkplain Owners owner word}, 0 when
 *       free. Taken by compare-and-set, released by a release store; what waiters check for a
 *       dead holder.</li>
 *   <li>{@code holder} ({@code long}): the holding thread's {@linkplain Owners#currentHolder()
 *       holder token}, 0 when free; written by the holder only, after taking {@code owner} and
 *       (cleared) before releasing it. A thread that reads its own token here holds the lock: no
 *       other thread ever writes it, and the thread's own last write was the clearing one.</li>
 *   <li>{@code holds} ({@code int}): reentrant locks only, the holds beyond the first; written by
 *       the holder only.</li>
 *   <li>the {@link WaitGate} where waiters sleep.</li>
 * </ul>
 */
final class MutexLayout {

    static final int OWNER = 0;
    static final int HOLDER = 8;
    static final int HOLDS = 16;
    static final int GATE = 20;

    private MutexLayout() {
    }
}
