package org.multiprocessing4j.internal.sync;

import static org.multiprocessing4j.internal.sync.ConditionLayout.GATE;
import static org.multiprocessing4j.internal.sync.ConditionLayout.MAX_WAITERS;
import static org.multiprocessing4j.internal.sync.ConditionLayout.STATE;
import static org.multiprocessing4j.internal.sync.ConditionLayout.signals;
import static org.multiprocessing4j.internal.sync.ConditionLayout.state;
import static org.multiprocessing4j.internal.sync.ConditionLayout.waiters;

import java.util.concurrent.locks.LockSupport;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A condition of a {@link RobustMutex} in shared memory: the engine of the public condition.
 *
 * <p>Implementation note. A waiter counts itself in while it holds the lock, releases the lock
 * and waits for a signal; a signal is a count, raised by {@code signal} (by one, never above the
 * number of waiters) or {@code signalAll} (to the number of waiters), which a waiter takes with a
 * compare-and-set. Signals are not addressed, so a thread that counted itself in after a signal
 * was sent could take it in place of a thread that was waiting then, which would sleep on: the
 * signaller that waits next, for instance, would take back its own signal. So a thread that is
 * about to count itself in while signals are still to be taken lets the threads woken take them
 * first: it holds the lock, so no signal is sent meanwhile, and taking needs no lock. That takes
 * the time a woken thread takes to run, microseconds; it gives up after
 * {@value #SIGNALS_TAKEN_NANOS} ns, since a signal meant for a thread of a process that was killed
 * is never taken. Among the threads waiting when a signal is sent, any may take it: waiters are
 * not served in order. A waiter that gives up (time out, interrupt) takes a signal if one is
 * there, otherwise counts itself out. A process killed while waiting stays counted, so a later
 * signal may find no live thread to take it, and a later waiter takes it, after that wait: a
 * spurious wake-up, which the {@link java.util.concurrent.locks.Condition} contract allows.
 */
public final class SharedCondition {

    /** How long a thread about to wait lets the threads woken before it take their signals. */
    private static final long SIGNALS_TAKEN_NANOS = 50_000_000;
    private static final int SPINS = 100;
    private static final int SPINS_AND_YIELDS = 200;
    private static final long PAUSE_NANOS = 50_000;

    private final Cell cell;
    private final WaitGate gate;
    private final RobustMutex mutex;
    private final WaitGate.Attempt takeSignal = new TakeSignal();

    private SharedCondition(Cell cell, RobustMutex mutex) {
        this.cell = cell;
        this.gate = new WaitGate(cell, GATE, WaitGate.Policy.HAND_OFF);
        this.mutex = mutex;
    }

    /**
     * A new condition of {@code mutex}.
     *
     * @param shm where its cell is allocated
     * @param mutex the lock
     * @return the condition
     */
    public static SharedCondition create(SegmentDirectory shm, RobustMutex mutex) {
        return new SharedCondition(shm.allocateCell(CellKind.CONDITION), mutex);
    }

    /**
     * The condition named by {@code handle}, mapped into this process.
     *
     * @param handle the condition's cell
     * @param mutex its lock, already attached
     * @return the condition
     */
    public static SharedCondition attach(CellHandle handle, RobustMutex mutex) {
        return new SharedCondition(handle.attach(), mutex);
    }

    public CellHandle handle() {
        return cell.handle();
    }

    /**
     * Releases the lock, waits for a signal or the timeout, and takes the lock again.
     *
     * @param timeoutNanos the longest wait, or {@link WaitGate#FOREVER}
     * @param interruptible whether an interrupt ends the wait
     * @return whether a signal was taken (otherwise time ran out)
     * @throws InterruptedException if interrupted before a signal was taken; the lock is held again
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public boolean await(long timeoutNanos, boolean interruptible) throws InterruptedException {
        requireHeld();
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        enter();
        int holds = mutex.releaseAll();
        boolean signalled = false;
        boolean interrupted = false;
        try {
            signalled = gate.await(takeSignal, timeoutNanos, interruptible);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (!signalled) {
            signalled = leave();
        }
        mutex.reacquire(holds);
        if (interrupted) {
            if (!signalled) {
                throw new InterruptedException();
            }
            // signalled first: the signal counts, the interrupt is kept for later
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /** Wakes one waiting thread, if any, in any process. */
    public void signal() {
        requireHeld();
        while (true) {
            int state = cell.getIntVolatile(STATE);
            if (signals(state) >= waiters(state)) {
                return;
            }
            if (cell.compareAndSetInt(STATE, state, state + 1)) {
                gate.wake(1);
                return;
            }
        }
    }

    /** Wakes every waiting thread, in every process. */
    public void signalAll() {
        requireHeld();
        while (true) {
            int state = cell.getIntVolatile(STATE);
            int waiters = waiters(state);
            if (signals(state) >= waiters) {
                return;
            }
            if (cell.compareAndSetInt(STATE, state, state(waiters, waiters))) {
                gate.wake(Integer.MAX_VALUE);
                return;
            }
        }
    }

    /** The threads waiting and not yet signalled. */
    public int numberWaiting() {
        int state = cell.getIntVolatile(STATE);
        return waiters(state) - signals(state);
    }

    private void requireHeld() {
        if (!mutex.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold the condition's lock");
        }
    }

    /** Counts the current thread in, once the signals sent before are taken (see the class comment). */
    private void enter() {
        long start = System.nanoTime();
        for (int round = 0;; round++) {
            int state = cell.getIntVolatile(STATE);
            if (waiters(state) == MAX_WAITERS) {
                throw new IllegalStateException("more than " + MAX_WAITERS + " threads wait on this condition");
            }
            if (signals(state) > 0 && System.nanoTime() - start < SIGNALS_TAKEN_NANOS) {
                pause(round);
            } else if (cell.compareAndSetInt(STATE, state, state(waiters(state) + 1, signals(state)))) {
                return;
            }
        }
    }

    private static void pause(int round) {
        if (round < SPINS) {
            Thread.onSpinWait();
        } else if (round < SPINS_AND_YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** Counts a waiter out: takes a signal if one came, otherwise leaves without one. */
    private boolean leave() {
        while (true) {
            int state = cell.getIntVolatile(STATE);
            int signals = signals(state);
            boolean signalled = signals > 0;
            int next = state(waiters(state) - 1, signalled ? signals - 1 : 0);
            if (cell.compareAndSetInt(STATE, state, next)) {
                return signalled;
            }
        }
    }

    private final class TakeSignal implements WaitGate.Attempt {

        @Override
        public boolean tryFinish() {
            int state = cell.getIntVolatile(STATE);
            return signals(state) > 0 && cell.compareAndSetInt(STATE, state, state(waiters(state) - 1, signals(state) - 1));
        }

        @Override
        public boolean canFinish() {
            return signals(cell.getIntVolatile(STATE)) > 0;
        }
    }
}
