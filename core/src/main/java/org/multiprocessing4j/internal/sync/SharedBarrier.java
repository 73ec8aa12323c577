package org.multiprocessing4j.internal.sync;

import static org.multiprocessing4j.internal.sync.BarrierLayout.GATE;
import static org.multiprocessing4j.internal.sync.BarrierLayout.MAX_PARTIES;
import static org.multiprocessing4j.internal.sync.BarrierLayout.PARTIES;
import static org.multiprocessing4j.internal.sync.BarrierLayout.STATE;
import static org.multiprocessing4j.internal.sync.BarrierLayout.TRIPPER;
import static org.multiprocessing4j.internal.sync.BarrierLayout.arrived;
import static org.multiprocessing4j.internal.sync.BarrierLayout.endedBroken;
import static org.multiprocessing4j.internal.sync.BarrierLayout.generation;
import static org.multiprocessing4j.internal.sync.BarrierLayout.hasBrokenFlag;
import static org.multiprocessing4j.internal.sync.BarrierLayout.next;
import static org.multiprocessing4j.internal.sync.BarrierLayout.withBrokenFlag;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A cyclic barrier in shared memory: the engine of the public barrier.
 *
 * <p>Implementation note. Every change is a compare-and-set of the state word (see
 * {@link BarrierLayout}). The party that makes {@code arrived} reach {@code parties} claims the
 * trip: while it runs the action, nobody else changes the state (arrivals for the next generation,
 * {@code reset} and {@code abort} wait), and then it starts the next generation. Waiters sleep until
 * the state changes and look again, so every rule lives in {@link #await}; a waiter whose
 * generation has moved on learns from the history bits whether it tripped or was reset. A waiter
 * that sees the trip take long checks whether the tripping process still runs, and breaks the
 * barrier if it died.
 */
public final class SharedBarrier {

    private final Cell cell;
    private final WaitGate gate;
    private final int parties;

    private SharedBarrier(Cell cell) {
        this.cell = cell;
        this.gate = new WaitGate(cell, GATE, WaitGate.Policy.BROADCAST);
        this.parties = cell.getIntVolatile(PARTIES);
    }

    /**
     * A new barrier.
     *
     * @param shm where its cell is allocated
     * @param parties how many must arrive for it to trip, 1 to {@value BarrierLayout#MAX_PARTIES}
     * @return the barrier
     */
    public static SharedBarrier create(SegmentDirectory shm, int parties) {
        if (parties < 1 || parties > MAX_PARTIES) {
            throw new IllegalArgumentException("parties must be between 1 and " + MAX_PARTIES + ": " + parties);
        }
        Cell cell = shm.allocateCell(CellKind.BARRIER);
        cell.putIntVolatile(PARTIES, parties);
        return new SharedBarrier(cell);
    }

    /**
     * The barrier named by {@code handle}, mapped into this process.
     *
     * @param handle the barrier's cell
     * @return the barrier
     */
    public static SharedBarrier attach(CellHandle handle) {
        return new SharedBarrier(handle.attach());
    }

    public CellHandle handle() {
        return cell.handle();
    }

    public int parties() {
        return parties;
    }

    /**
     * Arrives and waits for the others; the last to arrive runs {@code action} and trips.
     *
     * @param timeoutNanos the longest wait, or {@link WaitGate#FOREVER}
     * @param action run by the last party before the others are released, or {@code null}
     * @return the arrival index: {@code parties - 1} for the first, 0 for the last
     */
    public int await(long timeoutNanos, SerializableRunnable action)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        if (Thread.interrupted()) {
            abort();
            throw new InterruptedException();
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long state = cell.getLongVolatile(STATE);
            if (hasBrokenFlag(state)) {
                throw new BrokenBarrierException();
            }
            int arrived = arrived(state);
            if (arrived == parties) {
                // the previous generation is tripping: join the next one when it starts
                awaitChangeUninterruptibly(state);
            } else if (cell.compareAndSetLong(STATE, state, state + 1)) {
                return arrived + 1 == parties ? trip(state + 1, action)
                        : awaitTrip(generation(state), parties - 1 - arrived, timeoutNanos, deadline);
            }
        }
    }

    private int trip(long tripping, SerializableRunnable action) throws BrokenBarrierException {
        cell.putLongVolatile(TRIPPER, Owners.SELF);
        Throwable failure = null;
        try {
            if (action != null) {
                action.run();
            }
        } catch (Throwable e) {
            failure = e;
        }
        cell.putLongVolatile(TRIPPER, 0);
        // fails only if a waiter wrongly took this process for dead and broke the barrier
        boolean tripped = cell.compareAndSetLong(STATE, tripping, failure == null ? next(tripping, false) : withBrokenFlag(tripping));
        gate.wake(Integer.MAX_VALUE);
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null || !tripped) {
            BrokenBarrierException broken = new BrokenBarrierException(
                    failure != null ? "the barrier action failed: " + failure : "the barrier was broken meanwhile");
            broken.initCause(failure);
            throw broken;
        }
        return 0;
    }

    private int awaitTrip(int generation, int index, long timeoutNanos, long deadline)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        boolean timed = timeoutNanos != WaitGate.FOREVER;
        InterruptedException interrupted = null;
        boolean timedOut = false;
        while (true) {
            long state = cell.getLongVolatile(STATE);
            if (generation(state) != generation) {
                if (interrupted != null) {
                    // the barrier tripped anyway: the interrupt is kept for later, as CyclicBarrier does
                    Thread.currentThread().interrupt();
                }
                if (endedBroken(state, generation)) {
                    throw new BrokenBarrierException();
                }
                return index;
            }
            if (hasBrokenFlag(state)) {
                throw new BrokenBarrierException();
            }
            if (interrupted != null || timedOut) {
                if (arrived(state) == parties) {
                    // the trip is under way: it wins over giving up
                    awaitChangeUninterruptibly(state);
                } else if (cell.compareAndSetLong(STATE, state, withBrokenFlag(state))) {
                    gate.wake(Integer.MAX_VALUE);
                    if (interrupted != null) {
                        throw interrupted;
                    }
                    throw new TimeoutException();
                }
                continue;
            }
            long remaining = timed ? deadline - System.nanoTime() : WaitGate.FOREVER;
            if (remaining <= 0) {
                timedOut = true;
                continue;
            }
            try {
                gate.await(new Change(state), remaining, true);
            } catch (InterruptedException e) {
                interrupted = e;
            }
        }
    }

    /** Breaks the barrier: whoever waits, or arrives before a {@link #reset()}, gets a broken barrier. */
    public void abort() {
        while (true) {
            long state = cell.getLongVolatile(STATE);
            if (hasBrokenFlag(state)) {
                return;
            }
            if (arrived(state) == parties) {
                awaitChangeUninterruptibly(state);
            } else if (cell.compareAndSetLong(STATE, state, withBrokenFlag(state))) {
                gate.wake(Integer.MAX_VALUE);
                return;
            }
        }
    }

    /** Starts a new generation; whoever waits in the current one gets a broken barrier. */
    public void reset() {
        while (true) {
            long state = cell.getLongVolatile(STATE);
            if (arrived(state) == parties && !hasBrokenFlag(state)) {
                awaitChangeUninterruptibly(state);
            } else if (cell.compareAndSetLong(STATE, state, next(state, true))) {
                gate.wake(Integer.MAX_VALUE);
                return;
            }
        }
    }

    public boolean isBroken() {
        return hasBrokenFlag(cell.getLongVolatile(STATE));
    }

    /** The parties waiting for the barrier to trip. */
    public int numberWaiting() {
        long state = cell.getLongVolatile(STATE);
        return hasBrokenFlag(state) ? 0 : Math.min(arrived(state), parties - 1);
    }

    private void awaitChangeUninterruptibly(long state) {
        try {
            gate.await(new Change(state), WaitGate.FOREVER, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /** Waits for the state to move on from {@code state}; breaks the barrier if the tripper died. */
    private final class Change implements WaitGate.Attempt {

        private final long state;

        Change(long state) {
            this.state = state;
        }

        @Override
        public boolean tryFinish() {
            return canFinish();
        }

        @Override
        public boolean canFinish() {
            return cell.getLongVolatile(STATE) != state;
        }

        @Override
        public boolean recover() {
            if (arrived(state) != parties || hasBrokenFlag(state)) {
                return false;
            }
            long tripper = cell.getLongVolatile(TRIPPER);
            if (tripper == 0 || !Owners.isGone(tripper)) {
                return false;
            }
            if (cell.compareAndSetLong(STATE, state, withBrokenFlag(state))) {
                gate.wake(Integer.MAX_VALUE);
            }
            return true;
        }
    }
}
