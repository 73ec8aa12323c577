package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.sync.SharedSemaphore;
import org.multiprocessing4j.spi.SharedHandle;

/** The local backend's {@link ProcessSemaphore}: a {@link SharedSemaphore} in a cell of shared memory. */
public final class LocalSemaphore implements ProcessSemaphore, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient SharedSemaphore semaphore;

    private LocalSemaphore(SharedSemaphore semaphore) {
        this.semaphore = semaphore;
    }

    /**
     * A new semaphore.
     *
     * @param shm where its cell is made
     * @param permits the permits it starts with
     * @param bounded whether it refuses to hold more than {@code permits}
     * @return the semaphore
     * @throws IllegalArgumentException if {@code permits} is negative, or 0 for a bounded one
     */
    public static LocalSemaphore create(SegmentDirectory shm, int permits, boolean bounded) {
        return new LocalSemaphore(SharedSemaphore.create(shm, permits, bounded));
    }

    @Override
    public void acquire(int permits) throws InterruptedException {
        semaphore.acquire(permits, WaitGate.FOREVER, true);
    }

    @Override
    public boolean tryAcquire(int permits) {
        return semaphore.tryAcquire(permits);
    }

    @Override
    public boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException {
        return semaphore.acquire(permits, Math.max(0, unit.toNanos(timeout)), true);
    }

    @Override
    public void release(int permits) {
        semaphore.release(permits);
    }

    @Override
    public int availablePermits() {
        return semaphore.availablePermits();
    }

    @Override
    public boolean isBounded() {
        return semaphore.bound() != 0;
    }

    @Override
    public String toString() {
        return "ProcessSemaphore[permits=" + availablePermits() + (isBounded() ? ", bound=" + semaphore.bound() : "")
                + "]";
    }

    /** Crosses into another process as a handle to the same semaphore. */
    private Object writeReplace() {
        return new Handle(semaphore.handle());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a semaphore is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final CellHandle cell;

        Handle(CellHandle cell) {
            this.cell = cell;
        }

        @Override
        protected Object bind() {
            return new LocalSemaphore(SharedSemaphore.attach(cell));
        }
    }
}
