package org.multiprocessing4j.internal.shm;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the threads that wait for one primitive sleep, in any process, and how they are woken:
 * spin briefly (or not at all), then yield, then announce and sleep in a {@link Futex} wait, so
 * that the thread that changes the primitive pays for a system call only when someone sleeps.
 *
 * <p>A gate is four words in the primitive's cell:
 * <pre>
 *   0            4            8            12            16
 *   +------------+------------+------------+-------------+
 *   |  sequence  |  waiters   |  sleepers  |  contended  |
 *   +------------+------------+------------+-------------+
 * </pre>
 * Sleepers wait on {@code sequence}, which a waker increments before waking them. {@code waiters}
 * counts the threads inside {@link #await} (spinning or sleeping), {@code sleepers} those between
 * announcing a sleep and returning from it. {@code contended} is set by a thread about to sleep
 * and cleared by the waker that wakes: a primitive that changes state again before the woken
 * thread has run pays no second system call.
 *
 * <h2>Why nothing is slept through</h2>
 * A waiter reads {@code sequence}, tries, then sets {@code contended} and looks at the primitive's
 * state once more before it sleeps on the {@code sequence} it read. A waker changes the state,
 * then reads {@code contended}. When all four accesses are sequentially consistent (a waker that
 * changed the state with a compare-and-set or a volatile write calls {@link #wake}), either the
 * waker sees {@code contended} and increments {@code sequence} (the sleep returns at once or is
 * woken), or the waiter sees the new state and does not sleep.
 *
 * <p>A lock's release is cheaper: a release store, with no fence before the read that follows
 * ({@link #wakeAfterRelease}). That read is of {@code waiters}, and only when it is not zero does
 * the releaser fence and go on as above. A thread counts itself in {@code waiters} when its wait
 * begins and stays counted while it sleeps, so a releaser sees every sleeper. The one risk is a
 * thread that counts itself in (on arrival, or after {@linkplain #backOff backing off}) and
 * announces a sleep in the instant a release store is still in the releaser's store buffer: it
 * sees the lock held and the releaser does not see it. That first sleep therefore lasts no longer
 * than a back-off, unless a spin of some microseconds came between; later sleeps, announced long
 * after the thread counted itself in, are not at risk, and all sleeps are bounded anyway.
 *
 * <p>Under {@link Policy#MUTEX} and {@link Policy#HAND_OFF} a waker wakes one thread. Since a wake
 * clears {@code contended}, a thread that ends its wait while others still sleep sets it again,
 * and wakes the next one at once if the primitive is available (a second permit released before
 * the first sleeper ran, or a lock left free by a waiter that gave up). A thread woken for nothing
 * (someone else took the lock first) {@linkplain #backOff backs off} before it asks again. Under
 * {@link Policy#BROADCAST} every sleeper is woken at each change.
 *
 * <h2>Timed sleeps</h2>
 * No sleep lasts longer than {@value #SLICE_MILLIS} ms. Each slice ends with a look at the state
 * and a chance to {@linkplain Attempt#recover() recover} from a process that died, a check for
 * interruption (a thread in a system call cannot be interrupted), and bounds how long a thread
 * blocked in the kernel holds up its JVM's exit. A process killed while it waits leaves
 * {@code waiters} and {@code sleepers} counted for ever: its lock's releases then always take the
 * fenced path, and wakers pay an unneeded system call now and then, nothing worse.
 *
 * <p>Without futex, the sleep is a nap of 50 µs, doubling up to 10 ms, and 40 ms once the wait has
 * lasted about a second ({@link #napNanos}); nobody is woken: the sleeper notices the change when
 * its nap ends.
 */
public final class WaitGate {

    /** The bytes a gate takes in a cell; its offset must be 4-byte aligned. */
    public static final int SIZE = 16;
    /** A timeout that never ends. */
    public static final long FOREVER = Long.MAX_VALUE;

    /**
     * Binds the native sleep now (JNA and the futex call, tens of milliseconds in a fresh JVM), so
     * that the first wait of a spare JVM's target does not pay for it.
     */
    public static void prepareSleeping() {
        Futex.isAvailable();
    }

    /** How the waiters of a kind of primitive spin and are woken. */
    public enum Policy {

        /**
         * Locks: one waiter woken per release, and no spin. A spinning waiter catches a release
         * and takes the lock from a holder that was about to take it again, and two processes then
         * hand the lock back and forth at the price of cache misses each time; a waiter that sleeps
         * at once lets the holder go on.
         */
        MUTEX(0, 0, true),

        /**
         * Semaphores and conditions: one waiter woken per permit or signal, after a spin of some
         * tens of microseconds, which is how long another process takes to answer a hand-off.
         */
        HAND_OFF(20, 50, true),

        /** Events and barriers: every waiter woken at each change, after the same spin. */
        BROADCAST(20, 50, false);

        private final int spins;
        private final int yields;
        private final boolean oneAtATime;

        Policy(int spins, int yields, boolean oneAtATime) {
            this.spins = spins;
            this.yields = yields;
            this.oneAtATime = oneAtATime;
        }
    }

    private static final int SEQUENCE = 0;
    private static final int WAITERS = 4;
    private static final int SLEEPERS = 8;
    private static final int CONTENDED = 12;

    private static final long SLICE_MILLIS = 50;
    private static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000;
    private static final long BACK_OFF_NANOS = 100_000;
    private static final long FIRST_NAP_NANOS = 50_000;
    private static final long LONGEST_NAP_NANOS = 10_000_000;
    /** About a second of naps: 8 that double up to 10 ms, then 100 of 10 ms. */
    private static final int PATIENT_AFTER_NAPS = 108;
    private static final long PATIENT_NAP_NANOS = 40_000_000;

    /** One try at what a thread waits for; the gate calls it until it succeeds or time is up. */
    public interface Attempt {

        /** Tries to finish the wait (take the lock, a permit, see the event); called often. */
        boolean tryFinish();

        /** Whether {@link #tryFinish()} could succeed now, without changing anything. */
        boolean canFinish();

        /**
         * Whether the primitive could let some waiter through now, this one or another: when a
         * wait ends, a sleeper is woken if so.
         */
        default boolean available() {
            return canFinish();
        }

        /**
         * Called before each sleep: a chance to notice that the process this wait depends on has
         * died, and to finish the wait in its stead.
         *
         * @return whether the wait is finished
         */
        default boolean recover() {
            return false;
        }
    }

    private final Cell cell;
    private final int sequence;
    private final int waiters;
    private final int sleepers;
    private final int contended;
    private final int spins;
    private final int spinsAndYields;
    private final boolean oneAtATime;

    /**
     * A gate in {@code cell} at {@code offset}.
     *
     * @param cell the primitive's cell
     * @param offset where the gate's {@value #SIZE} bytes are in the cell
     * @param policy how its waiters spin and are woken
     */
    public WaitGate(Cell cell, int offset, Policy policy) {
        this.cell = cell;
        this.sequence = offset + SEQUENCE;
        this.waiters = offset + WAITERS;
        this.sleepers = offset + SLEEPERS;
        this.contended = offset + CONTENDED;
        this.spins = policy.spins;
        this.spinsAndYields = policy.spins + policy.yields;
        this.oneAtATime = policy.oneAtATime;
    }

    /**
     * Waits until {@code attempt} succeeds or {@code timeoutNanos} have passed.
     *
     * @param attempt what the thread waits for
     * @param timeoutNanos the longest wait, or {@link #FOREVER}
     * @param interruptible whether an interrupt ends the wait; if not, the thread's interrupt
     *     status is restored on return
     * @return whether the attempt succeeded
     * @throws InterruptedException if {@code interruptible} and the thread was interrupted
     */
    public boolean await(Attempt attempt, long timeoutNanos, boolean interruptible) throws InterruptedException {
        boolean timed = timeoutNanos != FOREVER;
        long deadline = timed ? System.nanoTime() + timeoutNanos : 0;
        boolean interrupted = false;
        boolean wokenForNothing = false;
        // counted in without a spin to follow (a lock's waiter on arrival, any one-at-a-time waiter
        // after backing off), this thread may announce its sleep before a release that it would miss
        // has left the releaser's store buffer: that sleep is kept as short as a back-off
        boolean justCountedIn = spinsAndYields == 0;
        cell.getAndAddInt(waiters, 1);
        try {
            for (int round = 0;; round++) {
                int observed = cell.getIntVolatile(sequence);
                if (attempt.tryFinish()) {
                    passOn(attempt);
                    return true;
                }
                long remaining = timed ? deadline - System.nanoTime() : SLICE_NANOS;
                if (remaining <= 0) {
                    passOn(attempt);
                    return false;
                }
                if (round < spins) {
                    Thread.onSpinWait();
                } else if (round < spinsAndYields) {
                    Thread.yield();
                } else {
                    if (Thread.interrupted()) {
                        if (interruptible) {
                            passOn(attempt);
                            throw new InterruptedException();
                        }
                        interrupted = true;
                    }
                    if (attempt.recover()) {
                        passOn(attempt);
                        return true;
                    }
                    if (wokenForNothing && oneAtATime) {
                        backOff(observed, Math.min(remaining, BACK_OFF_NANOS));
                        wokenForNothing = false;
                        justCountedIn = true;
                    } else {
                        long longest = Math.min(remaining, justCountedIn ? BACK_OFF_NANOS : SLICE_NANOS);
                        justCountedIn = false;
                        // the wake was for nothing if the try right after it fails, next round
                        wokenForNothing = sleep(observed, longest, attempt, round - spinsAndYields);
                    }
                }
            }
        } finally {
            cell.getAndAddInt(waiters, -1);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * How long the {@code naps}-th nap of one wait lasts where there is no futex: 50 µs doubling
     * to 10 ms, so that a wait that ends soon ends soon after its change, then 40 ms once the wait
     * has lasted about a second, so that a thread blocked for long wakes 25 times a second rather
     * than 100 (each wake-up costs a timer, two context switches and a look at the primitive:
     * near 1% of a core at 100 a second on a busy machine). A change after a long wait is noticed
     * within 40 ms.
     *
     * @param naps how many naps this wait has taken before
     * @return the nap's length
     */
    static long napNanos(int naps) {
        return naps >= PATIENT_AFTER_NAPS ? PATIENT_NAP_NANOS
                : Math.min(LONGEST_NAP_NANOS, FIRST_NAP_NANOS << Math.min(naps, 8));
    }

    /** Announces a sleep and sleeps; returns whether a waker woke it (or would have). */
    private boolean sleep(int observed, long nanos, Attempt attempt, int naps) {
        cell.getAndAddInt(sleepers, 1);
        cell.putIntVolatile(contended, 1);
        try {
            if (attempt.canFinish()) {
                return false;
            }
            if (Futex.isAvailable()) {
                Futex.await(cell.address(sequence), observed, nanos);
            } else {
                LockSupport.parkNanos(Math.min(nanos, napNanos(naps)));
            }
            return cell.getIntVolatile(sequence) != observed;
        } finally {
            cell.getAndAddInt(sleepers, -1);
        }
    }

    /**
     * After a wake-up for nothing (the primitive was taken again before this thread ran), sleeps a
     * little without asking to be woken and without counting as a waiter: a process that takes a
     * lock over and over meanwhile releases it with neither a fence nor a system call, instead of
     * paying both for a waiter that keeps losing the race.
     */
    private void backOff(int observed, long nanos) {
        cell.getAndAddInt(waiters, -1);
        try {
            if (Futex.isAvailable()) {
                Futex.await(cell.address(sequence), observed, nanos);
            } else {
                LockSupport.parkNanos(nanos);
            }
        } finally {
            cell.getAndAddInt(waiters, 1);
        }
    }

    /** After a wait ends: keeps a one-at-a-time chain of wake-ups going for those still asleep. */
    private void passOn(Attempt attempt) {
        if (oneAtATime && cell.getIntVolatile(sleepers) > 0) {
            cell.putIntVolatile(contended, 1);
            if (attempt.available()) {
                wake(1);
            }
        }
    }

    // How a thread waiting on several gates at once (GateSet) takes part in this gate's protocol:
    // counted among the waiters throughout, announced as a sleeper around each sleep.

    void enter() {
        cell.getAndAddInt(waiters, 1);
    }

    void leave() {
        cell.getAndAddInt(waiters, -1);
    }

    int observe() {
        return cell.getIntVolatile(sequence);
    }

    long sequenceAddress() {
        return cell.address(sequence);
    }

    void announceSleep() {
        cell.getAndAddInt(sleepers, 1);
        cell.putIntVolatile(contended, 1);
    }

    void endSleep() {
        cell.getAndAddInt(sleepers, -1);
    }

    /**
     * Wakes sleepers after a release store (see the class comment) made the primitive available;
     * costs one read when no thread waits.
     *
     * @param count how many to wake
     */
    public void wakeAfterRelease(int count) {
        if (cell.getInt(waiters) != 0) {
            VarHandle.fullFence();
            wake(count);
        }
    }

    /**
     * Wakes sleepers after the primitive's state has changed by a compare-and-set or a volatile
     * write, if any announced a sleep; costs one read when none did. Call it after every change
     * that may let a waiter through.
     *
     * @param count how many to wake; {@link Integer#MAX_VALUE} for all
     */
    public void wake(int count) {
        if (cell.getIntVolatile(contended) != 0 && cell.getAndSetInt(contended, 0) != 0) {
            cell.getAndAddInt(sequence, 1);
            if (Futex.isAvailable()) {
                Futex.wake(cell.address(sequence), count);
            }
        }
    }
}
