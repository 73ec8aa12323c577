package org.multiprocessing4j.internal.manager;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.ProcessBarrier;

/**
 * The server's {@link ProcessBarrier}: the algorithm of {@link CyclicBarrier}, with
 * {@link #abort()}.
 *
 * <p>Implementation note: {@code CyclicBarrier} itself cannot be broken from outside. Its
 * {@code reset()} breaks the waiting generation but makes the barrier whole at once, so later
 * arrivals would wait rather than fail; and a flag checked before its {@code await} leaves a
 * window in which a thread passes the check just before an abort and then waits, unreleased, in
 * the fresh generation. So this class keeps {@code CyclicBarrier}'s generations under one lock,
 * as {@code CyclicBarrier} does, where breaking is one more thing the lock's holder may do. The
 * action runs with the lock held, by the last party to arrive, so {@link #reset()} waits for it.
 */
final class ServedBarrier implements ProcessBarrier {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition trip = lock.newCondition();
    private final int parties;
    private final Runnable action;
    private Generation generation = new Generation(); // guarded by lock
    /** Parties still to arrive in this generation; guarded by lock. */
    private int count;

    /**
     * A new barrier.
     *
     * @param parties how many must arrive for it to trip, at least 1
     * @param action what the last party to arrive runs before the others are released, or
     *     {@code null}
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    ServedBarrier(int parties, Runnable action) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1: " + parties);
        }
        this.parties = parties;
        this.action = action;
        this.count = parties;
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return arrive(false, 0);
        } catch (TimeoutException e) {
            throw new AssertionError("a wait without a timeout timed out", e);
        }
    }

    @Override
    public int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException,
            TimeoutException {
        return arrive(true, unit.toNanos(timeout));
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public int numberWaiting() {
        lock.lock();
        try {
            return parties - count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isBroken() {
        lock.lock();
        try {
            return generation.broken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            breakBarrier();
            nextGeneration();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abort() {
        lock.lock();
        try {
            breakBarrier();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ProcessBarrier[parties=" + parties + ", waiting=" + numberWaiting()
                + (isBroken() ? ", broken" : "") + "]";
    }

    private int arrive(boolean timed, long nanos) throws InterruptedException, BrokenBarrierException,
            TimeoutException {
        lock.lock();
        try {
            Generation arrivedIn = generation;
            if (arrivedIn.broken) {
                throw new BrokenBarrierException();
            }
            if (Thread.interrupted()) {
                breakBarrier();
                throw new InterruptedException();
            }
            int index = --count;
            if (index == 0) {
                trip();
                return 0;
            }
            while (true) {
                try {
                    if (!timed) {
                        trip.await();
                    } else if (nanos > 0) {
                        nanos = trip.awaitNanos(nanos);
                    }
                } catch (InterruptedException e) {
                    if (arrivedIn == generation && !arrivedIn.broken) {
                        breakBarrier();
                        throw e;
                    }
                    // the generation ended first: the wait succeeded or broke anyway, so keep the interrupt for later
                    Thread.currentThread().interrupt();
                }
                if (arrivedIn.broken) {
                    throw new BrokenBarrierException();
                }
                if (arrivedIn != generation) {
                    return index;
                }
                if (timed && nanos <= 0) {
                    breakBarrier();
                    throw new TimeoutException();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The last party's part: the action, then the next generation; an action that throws breaks the barrier. */
    private void trip() {
        boolean ran = false;
        try {
            if (action != null) {
                action.run();
            }
            ran = true;
            nextGeneration();
        } finally {
            if (!ran) {
                breakBarrier();
            }
        }
    }

    private void nextGeneration() {
        trip.signalAll();
        count = parties;
        generation = new Generation();
    }

    private void breakBarrier() {
        generation.broken = true;
        count = parties;
        trip.signalAll();
    }

    /** One use of the barrier; broken when it was before it tripped. Guarded by the lock. */
    private static final class Generation {
        boolean broken;
    }
}
