package org.multiprocessing4j.internal.manager;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.RobustLock;

/**
 * What the server's two locks have in common: a {@link ReentrantLock} that records, in
 * {@link HeldLocks}, which thread holds it, and that a holder whose client is gone can
 * {@linkplain #abandon() abandon}.
 *
 * <p>Implementation note: an abandoned lock is free, but marked, and stays {@linkplain #isLocked()
 * locked} to onlookers until a thread takes it over, as a robust lock whose holder died is. The
 * thread that takes it from free clears the mark and, if it was set, owns the "owner died" state
 * until it fully releases the lock. The mark is volatile because it is read without the lock;
 * {@code ownerDied} is read and written only by the holder. A condition's wait is a full release
 * like any other: the waiter gives its "owner died" state up, and takes the lock back as from free.
 */
abstract sealed class ServedRobustLock implements RobustLock, Abandonable permits ServedLock, ServedReentrantLock {

    private final ReentrantLock mutex = new ReentrantLock();
    private final boolean reentrant;
    private volatile boolean abandoned;
    private boolean ownerDied;

    /** A new, free lock; one that is not {@code reentrant} refuses a holder that takes it again. */
    ServedRobustLock(boolean reentrant) {
        this.reentrant = reentrant;
    }

    @Override
    public void lock() {
        refuseReentry();
        boolean interrupted = false;
        while (true) {
            try {
                mutex.lockInterruptibly();
                break;
            } catch (InterruptedException e) {
                if (ServedConnection.clientGone()) {
                    // nobody would hold the lock: taking it only to abandon it would mark it falsely
                    throw new CancellationException("the client that waited for the lock is gone");
                }
                interrupted = true;
            }
        }
        took();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        refuseReentry();
        mutex.lockInterruptibly();
        took();
    }

    @Override
    public boolean tryLock() {
        if (wouldReenter() || !mutex.tryLock()) {
            return false;
        }
        took();
        return true;
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        if (wouldReenter() || !mutex.tryLock(time, unit)) {
            return false;
        }
        took();
        return true;
    }

    @Override
    public void unlock() {
        requireHeld();
        if (mutex.getHoldCount() == 1) {
            releasing();
        }
        mutex.unlock();
    }

    @Override
    public ProcessCondition newCondition() {
        return new ServedCondition(this);
    }

    @Override
    public boolean ownerDied() {
        return mutex.isHeldByCurrentThread() && ownerDied;
    }

    @Override
    public boolean isLocked() {
        return mutex.isLocked() || abandoned;
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return mutex.isHeldByCurrentThread();
    }

    @Override
    public void abandon() {
        requireHeld();
        releasing();
        // marked before the last unlock, so that whoever takes the lock next sees the mark
        abandoned = true;
        for (int holds = mutex.getHoldCount(); holds > 0; holds--) {
            mutex.unlock();
        }
    }

    /** How many times the current thread holds the lock. */
    final int holds() {
        return mutex.getHoldCount();
    }

    /**
     * Gives up every hold for a condition's wait, which is a full release; for
     * {@link ServedCondition}, which takes the lock back with {@link #retakeAfterWait(int)}.
     *
     * @return the holds given up
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    final int releaseToWait() {
        requireHeld();
        releasing();
        int holds = mutex.getHoldCount();
        for (int left = holds; left > 0; left--) {
            mutex.unlock();
        }
        return holds;
    }

    /**
     * Takes the lock back after a condition's wait, uninterruptibly, taking it over if its holder
     * meanwhile abandoned it.
     *
     * @param holds what {@link #releaseToWait()} returned
     */
    final void retakeAfterWait(int holds) {
        for (int taken = 0; taken < holds; taken++) {
            mutex.lock();
        }
        tookFromFree();
    }

    /** Refuses, with {@link IllegalMonitorStateException}, a thread that does not hold the lock. */
    final void requireHeld() {
        if (!mutex.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold the lock");
        }
    }

    private boolean wouldReenter() {
        return !reentrant && mutex.isHeldByCurrentThread();
    }

    private void refuseReentry() {
        if (wouldReenter()) {
            throw new IllegalMonitorStateException(
                    "the lock is not reentrant and the current thread holds it already: the wait would never end");
        }
    }

    private void took() {
        if (mutex.getHoldCount() == 1) {
            tookFromFree();
        }
    }

    private void tookFromFree() {
        HeldLocks.add(this);
        if (abandoned) {
            abandoned = false;
            ownerDied = true;
        }
    }

    private void releasing() {
        ownerDied = false;
        HeldLocks.remove(this);
    }

    @Override
    public String toString() {
        String state = mutex.isLocked() ? "locked" : abandoned ? "abandoned by its holder" : "unlocked";
        return (reentrant ? "ProcessReentrantLock[" : "ProcessLock[") + state + "]";
    }
}
