package org.multiprocessing4j.internal.local;

import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.sync.RobustMutex;

/** The local backend's {@link ProcessReentrantLock}; see {@link LocalRobustLock}. */
public final class LocalReentrantLock extends LocalRobustLock implements ProcessReentrantLock {

    private static final long serialVersionUID = 1L;

    LocalReentrantLock(RobustMutex mutex, SegmentDirectory shm) {
        super(mutex, shm);
    }

    /**
     * A new, free reentrant lock.
     *
     * @param shm where its cell, and its conditions' cells, are made
     * @return the lock
     */
    public static LocalReentrantLock create(SegmentDirectory shm) {
        return new LocalReentrantLock(RobustMutex.create(shm, true), shm);
    }

    @Override
    public int holdCount() {
        return mutex.holdCount();
    }
}
