package org.multiprocessing4j.internal.sync;

import static org.multiprocessing4j.internal.sync.SemaphoreLayout.BOUND;
import static org.multiprocessing4j.internal.sync.SemaphoreLayout.GATE;
import static org.multiprocessing4j.internal.sync.SemaphoreLayout.PERMITS;
import static org.multiprocessing4j.internal.sync.SemaphoreLayout.UNBOUNDED;

import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A counting semaphore in shared memory: the engine of the public semaphore.
 *
 * <p>Implementation note. Acquiring and releasing are compare-and-set loops on the permit count;
 * a release wakes as many sleepers as it adds permits. Permits belong to nobody: any thread of
 * any process may release, and permits acquired by a process that dies are not given back.
 */
public final class SharedSemaphore {

    private final Cell cell;
    private final WaitGate gate;

    private SharedSemaphore(Cell cell) {
        this.cell = cell;
        this.gate = new WaitGate(cell, GATE, WaitGate.Policy.HAND_OFF);
    }

    /**
     * A new semaphore.
     *
     * @param shm where its cell is allocated
     * @param permits the permits it starts with, at least 0
     * @param bounded whether releasing more than {@code permits} is an error
     * @return the semaphore
     */
    public static SharedSemaphore create(SegmentDirectory shm, int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("negative permits: " + permits);
        }
        if (bounded && permits == 0) {
            throw new IllegalArgumentException("a bounded semaphore needs at least one permit");
        }
        Cell cell = shm.allocateCell(CellKind.SEMAPHORE);
        cell.putIntVolatile(BOUND, bounded ? permits : UNBOUNDED);
        cell.putIntVolatile(PERMITS, permits);
        return new SharedSemaphore(cell);
    }

    /**
     * The semaphore named by {@code handle}, mapped into this process.
     *
     * @param handle the semaphore's cell
     * @return the semaphore
     */
    public static SharedSemaphore attach(CellHandle handle) {
        return new SharedSemaphore(handle.attach());
    }

    public CellHandle handle() {
        return cell.handle();
    }

    /**
     * Takes {@code permits}, waiting at most {@code timeoutNanos} for them.
     *
     * @return whether they were taken
     */
    public boolean acquire(int permits, long timeoutNanos, boolean interruptible) throws InterruptedException {
        requirePositive(permits);
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        return take(permits) || timeoutNanos > 0 && gate.await(new Take(permits), timeoutNanos, interruptible);
    }

    /** Takes {@code permits} if they are there, without waiting. */
    public boolean tryAcquire(int permits) {
        requirePositive(permits);
        return take(permits);
    }

    /**
     * Gives {@code permits} back and wakes as many waiters.
     *
     * @throws IllegalStateException if a bounded semaphore would exceed its bound, or the count
     *     would overflow; nothing is released then
     */
    public void release(int permits) {
        requirePositive(permits);
        int bound = cell.getInt(BOUND);
        int limit = bound == UNBOUNDED ? Integer.MAX_VALUE : bound;
        while (true) {
            int available = cell.getIntVolatile(PERMITS);
            if (available > limit - permits) {
                throw new IllegalStateException(bound == UNBOUNDED
                        ? "the semaphore's permit count would overflow"
                        : "the semaphore is released too many times: " + available + " + " + permits
                                + " permits exceed its bound of " + bound);
            }
            if (cell.compareAndSetInt(PERMITS, available, available + permits)) {
                gate.wake(permits);
                return;
            }
        }
    }

    public int availablePermits() {
        return cell.getIntVolatile(PERMITS);
    }

    /** The bound of a bounded semaphore, 0 for an unbounded one. */
    public int bound() {
        return cell.getInt(BOUND);
    }

    private boolean take(int permits) {
        while (true) {
            int available = cell.getIntVolatile(PERMITS);
            if (available < permits) {
                return false;
            }
            if (cell.compareAndSetInt(PERMITS, available, available - permits)) {
                return true;
            }
        }
    }

    private static void requirePositive(int permits) {
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be positive: " + permits);
        }
    }

    private final class Take implements WaitGate.Attempt {

        private final int permits;

        Take(int permits) {
            this.permits = permits;
        }

        @Override
        public boolean tryFinish() {
            return take(permits);
        }

        @Override
        public boolean canFinish() {
            return cell.getIntVolatile(PERMITS) >= permits;
        }

        @Override
        public boolean available() {
            // one permit may be all another sleeper needs
            return cell.getIntVolatile(PERMITS) > 0;
        }
    }
}
