package org.multiprocessing4j.hazelcast.internal;

import java.io.Serializable;

/**
 * Who holds a cluster lock, as its map entry keeps it: the holding thread of a process and the
 * cluster endpoint of that process (by which the members recognise its death), its pid for
 * {@code toString}, the hold count, and whether the holder took the lock over from a dead one.
 * An entry with no process is a lock whose holder died and that nobody has taken since.
 */
record LockHolder(String process, String endpoint, long pid, long thread, int holds, boolean ownerDied)
        implements Serializable {

    static final LockHolder DIED = new LockHolder(null, null, 0, 0, 0, true);

    boolean isHeld() {
        return process != null;
    }

    boolean isHeldBy(String byProcess, long byThread) {
        return byProcess.equals(process) && thread == byThread;
    }
}
