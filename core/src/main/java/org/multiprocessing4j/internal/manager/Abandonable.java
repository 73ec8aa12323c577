package org.multiprocessing4j.internal.manager;

/**
 * A lock the server can release on behalf of a client that ended while holding it.
 *
 * @see HeldLocks#abandonAllHeldByCurrentThread()
 */
interface Abandonable {

    /**
     * Releases every hold the current thread has on this lock, because the client it serves is
     * gone. The next thread to take the lock sees {@link org.multiprocessing4j.RobustLock#ownerDied()}
     * until it fully releases it.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    void abandon();
}
