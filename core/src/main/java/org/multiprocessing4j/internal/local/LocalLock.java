package org.multiprocessing4j.internal.local;

import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.sync.RobustMutex;

/** The local backend's {@link ProcessLock}; see {@link LocalRobustLock}. */
public final class LocalLock extends LocalRobustLock implements ProcessLock {

    private static final long serialVersionUID = 1L;

    LocalLock(RobustMutex mutex, SegmentDirectory shm) {
        super(mutex, shm);
    }

    /**
     * A new, free lock.
     *
     * @param shm where its cell, and its conditions' cells, are made
     * @return the lock
     */
    public static LocalLock create(SegmentDirectory shm) {
        return new LocalLock(RobustMutex.create(shm, false), shm);
    }
}
