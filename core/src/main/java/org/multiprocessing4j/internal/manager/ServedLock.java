package org.multiprocessing4j.internal.manager;

import org.multiprocessing4j.ProcessLock;

/**
 * The server's {@link ProcessLock}: not reentrant, so a holder that takes it again is refused
 * rather than left waiting for ever; see {@link ServedRobustLock}.
 */
final class ServedLock extends ServedRobustLock implements ProcessLock {

    /** A new, free lock. */
    ServedLock() {
        super(false);
    }
}
