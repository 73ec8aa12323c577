package org.multiprocessing4j.internal.manager;

import java.util.ArrayDeque;
import java.util.Date;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.multiprocessing4j.ProcessCondition;

/**
 * The server's {@link ProcessCondition}, of a {@link ServedLock} or {@link ServedReentrantLock}.
 *
 * <p>Implementation note: waiters are queued here, and a signal takes the oldest off the queue
 * and marks it signalled before it unparks it. The queue is therefore exactly the waiters not
 * yet signalled, which is what {@link #numberWaiting()} counts, and a waiter that times out or
 * is interrupted after it was signalled finds the mark once it holds the lock again, and keeps
 * the signal rather than losing it. A waiter releases the lock itself, every hold, only once it
 * is queued and past its interrupt check, so that a wait that begins always gives the lock up
 * and its "owner died" state with it, as a full release does. The queue is guarded by the lock;
 * its length is mirrored in a volatile field for {@code numberWaiting()}, which may be called
 * without the lock.
 */
final class ServedCondition implements ProcessCondition {

    private final ServedRobustLock lock;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private volatile int numberWaiting;

    /** A new condition of {@code lock}, with no waiters. */
    ServedCondition(ServedRobustLock lock) {
        this.lock = lock;
    }

    @Override
    public void await() throws InterruptedException {
        awaitSignal(false, 0);
    }

    @Override
    public void awaitUninterruptibly() {
        Waiter waiter = enqueue();
        int holds = lock.releaseToWait();
        boolean interrupted = false;
        try {
            while (!waiter.signalled) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
                if (interrupted && ServedConnection.clientGone()) {
                    // a signal spent on a waiter nobody waits for would be lost to a live one
                    break;
                }
            }
        } finally {
            retake(waiter, holds);
        }
        if (!waiter.signalled && ServedConnection.clientGone()) {
            throw new CancellationException("the client that waited on the condition is gone");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long nanos = Math.max(0, nanosTimeout);
        long start = System.nanoTime();
        awaitSignal(true, nanos);
        return nanos - (System.nanoTime() - start);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return awaitSignal(true, Math.max(0, unit.toNanos(time)));
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return awaitSignal(true, Math.max(0, TimeUnit.MILLISECONDS.toNanos(millis)));
    }

    @Override
    public void signal() {
        lock.requireHeld();
        Waiter waiter = waiters.pollFirst();
        if (waiter != null) {
            wake(waiter);
            numberWaiting = waiters.size();
        }
    }

    @Override
    public void signalAll() {
        lock.requireHeld();
        for (Waiter waiter = waiters.pollFirst(); waiter != null; waiter = waiters.pollFirst()) {
            wake(waiter);
        }
        numberWaiting = 0;
    }

    @Override
    public int numberWaiting() {
        return numberWaiting;
    }

    @Override
    public String toString() {
        return "ProcessCondition[waiting=" + numberWaiting + "]";
    }

    /**
     * Waits to be signalled, for at most {@code nanos} (at least 0) if {@code timed}.
     *
     * @return whether it was signalled
     */
    private boolean awaitSignal(boolean timed, long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Waiter waiter = enqueue();
        int holds = lock.releaseToWait();
        boolean interrupted = false;
        try {
            long start = System.nanoTime();
            while (!waiter.signalled) {
                long remaining = nanos - (System.nanoTime() - start);
                if (timed && remaining <= 0) {
                    break;
                }
                if (timed) {
                    LockSupport.parkNanos(this, remaining);
                } else {
                    LockSupport.park(this);
                }
                if (Thread.interrupted()) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            retake(waiter, holds);
        }
        // read with the lock held again: a signal sent meanwhile is kept, and the interrupt left to be seen
        if (interrupted) {
            if (!waiter.signalled) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
        }
        return waiter.signalled;
    }

    /** Queues a waiter for the current thread, which must hold the lock. */
    private Waiter enqueue() {
        lock.requireHeld();
        Waiter waiter = new Waiter(Thread.currentThread());
        waiters.addLast(waiter);
        numberWaiting = waiters.size();
        return waiter;
    }

    /** Takes the lock back; then a waiter that was not signalled gives up its place. */
    private void retake(Waiter waiter, int holds) {
        lock.retakeAfterWait(holds);
        if (!waiter.signalled) {
            waiters.remove(waiter);
            numberWaiting = waiters.size();
        }
    }

    private static void wake(Waiter waiter) {
        waiter.signalled = true;
        LockSupport.unpark(waiter.thread);
    }

    /** One thread's wait. */
    private static final class Waiter {

        final Thread thread;
        /** Set by a signaller holding the lock; read by the waiter without it while it parks. */
        volatile boolean signalled;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }
}
