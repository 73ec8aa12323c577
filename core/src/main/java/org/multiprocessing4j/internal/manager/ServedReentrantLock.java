package org.multiprocessing4j.internal.manager;

import org.multiprocessing4j.ProcessReentrantLock;

/**
 * The server's {@link ProcessReentrantLock}; see {@link ServedRobustLock}. A thread that takes it
 * over from an abandoning holder holds it once, whatever that holder's count was.
 */
final class ServedReentrantLock extends ServedRobustLock implements ProcessReentrantLock {

    /** A new, free lock. */
    ServedReentrantLock() {
        super(true);
    }

    @Override
    public int holdCount() {
        return holds();
    }
}
