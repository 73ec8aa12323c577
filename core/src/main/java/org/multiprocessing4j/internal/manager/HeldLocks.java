package org.multiprocessing4j.internal.manager;

import java.util.ArrayDeque;

/**
 * The served locks each thread holds, so that a connection's thread can give them all up when
 * its client is gone. A lock is recorded when a thread takes it from free, and forgotten when
 * the thread fully releases it, abandons it, or waits on one of its conditions.
 */
final class HeldLocks {

    // a deque, not a set: a thread holds a handful of locks, and takes and releases them mostly last first
    private static final ThreadLocal<ArrayDeque<Abandonable>> HELD = new ThreadLocal<>();

    private HeldLocks() {
    }

    /** Records that the current thread now holds {@code lock}. */
    static void add(Abandonable lock) {
        ArrayDeque<Abandonable> held = HELD.get();
        if (held == null) {
            held = new ArrayDeque<>();
            HELD.set(held);
        }
        held.addLast(lock);
    }

    /** Records that the current thread no longer holds {@code lock}. */
    static void remove(Abandonable lock) {
        ArrayDeque<Abandonable> held = HELD.get();
        if (held != null) {
            held.removeLastOccurrence(lock);
            if (held.isEmpty()) {
                HELD.remove();
            }
        }
    }

    /**
     * Abandons every served lock the current thread holds, the last taken first: what a
     * connection's thread calls once its client is gone. Locks the thread does not hold, such as
     * one it waits on a condition of, are left alone.
     */
    static void abandonAllHeldByCurrentThread() {
        ArrayDeque<Abandonable> held = HELD.get();
        if (held == null) {
            return;
        }
        HELD.remove();
        for (Abandonable lock = held.pollLast(); lock != null; lock = held.pollLast()) {
            lock.abandon();
        }
    }
}
