package org.multiprocessing4j.internal.sync;

import static org.multiprocessing4j.internal.sync.EventLayout.FLAG;
import static org.multiprocessing4j.internal.sync.EventLayout.GATE;
import static org.multiprocessing4j.internal.sync.EventLayout.STATE;
import static org.multiprocessing4j.internal.sync.EventLayout.hasFlag;
import static org.multiprocessing4j.internal.sync.EventLayout.setOnce;

import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * An event flag in shared memory: the engine of the public event.
 *
 * <p>Implementation note. Setting a clear event counts one more set and wakes every sleeper; a
 * waiter returns when the flag is set or the count has moved since it began, so an event set and
 * cleared again while a thread waits still releases it.
 */
public final class SharedEvent {

    private final Cell cell;
    private final WaitGate gate;

    private SharedEvent(Cell cell) {
        this.cell = cell;
        this.gate = new WaitGate(cell, GATE, WaitGate.Policy.BROADCAST);
    }

    /**
     * A new, clear event.
     *
     * @param shm where its cell is allocated
     * @return the event
     */
    public static SharedEvent create(SegmentDirectory shm) {
        return new SharedEvent(shm.allocateCell(CellKind.EVENT));
    }

    /**
     * The event named by {@code handle}, mapped into this process.
     *
     * @param handle the event's cell
     * @return the event
     */
    public static SharedEvent attach(CellHandle handle) {
        return new SharedEvent(handle.attach());
    }

    public CellHandle handle() {
        return cell.handle();
    }

    public boolean isSet() {
        return hasFlag(cell.getIntVolatile(STATE));
    }

    public void set() {
        while (true) {
            int state = cell.getIntVolatile(STATE);
            if (hasFlag(state)) {
                return;
            }
            if (cell.compareAndSetInt(STATE, state, setOnce(state))) {
                gate.wake(Integer.MAX_VALUE);
                return;
            }
        }
    }

    public void clear() {
        while (true) {
            int state = cell.getIntVolatile(STATE);
            if (!hasFlag(state) || cell.compareAndSetInt(STATE, state, state & ~FLAG)) {
                return;
            }
        }
    }

    /**
     * Waits until the event is set.
     *
     * @param timeoutNanos the longest wait, or {@link WaitGate#FOREVER}
     * @return whether it was set (otherwise time ran out)
     */
    public boolean await(long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        int start = cell.getIntVolatile(STATE);
        if (hasFlag(start)) {
            return true;
        }
        return timeoutNanos > 0 && gate.await(new SetSince(start), timeoutNanos, true);
    }

    private final class SetSince implements WaitGate.Attempt {

        private final int start;

        SetSince(int start) {
            this.start = start;
        }

        @Override
        public boolean tryFinish() {
            return canFinish();
        }

        @Override
        public boolean canFinish() {
            int state = cell.getIntVolatile(STATE);
            return hasFlag(state) || (state >>> 1) != (start >>> 1);
        }
    }
}
