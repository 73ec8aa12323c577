package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.sync.SharedBarrier;
import org.multiprocessing4j.spi.SharedHandle;

/** The local backend's {@link ProcessBarrier}: a {@link SharedBarrier} in a cell of shared memory. */
public final class LocalBarrier implements ProcessBarrier, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient SharedBarrier barrier;
    private final transient SerializableRunnable action;

    private LocalBarrier(SharedBarrier barrier, SerializableRunnable action) {
        this.barrier = barrier;
        this.action = action;
    }

    /**
     * A new barrier.
     *
     * @param shm where its cell is made
     * @param parties how many must arrive for it to trip
     * @param action what the last party runs, or {@code null}
     * @return the barrier
     * @throws IllegalArgumentException if {@code parties} is out of range
     */
    public static LocalBarrier create(SegmentDirectory shm, int parties, SerializableRunnable action) {
        return new LocalBarrier(SharedBarrier.create(shm, parties), action);
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return barrier.await(WaitGate.FOREVER, action);
        } catch (TimeoutException e) {
            throw new AssertionError("a wait without a timeout timed out", e);
        }
    }

    @Override
    public int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException,
            TimeoutException {
        return barrier.await(Math.max(0, unit.toNanos(timeout)), action);
    }

    @Override
    public int parties() {
        return barrier.parties();
    }

    @Override
    public int numberWaiting() {
        return barrier.numberWaiting();
    }

    @Override
    public boolean isBroken() {
        return barrier.isBroken();
    }

    @Override
    public void reset() {
        barrier.reset();
    }

    @Override
    public void abort() {
        barrier.abort();
    }

    @Override
    public String toString() {
        return "ProcessBarrier[parties=" + parties() + ", waiting=" + numberWaiting()
                + (isBroken() ? ", broken" : "") + "]";
    }

    /** Crosses into another process as a handle to the same barrier, with its action. */
    private Object writeReplace() {
        return new Handle(barrier.handle(), action);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a barrier is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final CellHandle cell;
        private final SerializableRunnable action;

        Handle(CellHandle cell, SerializableRunnable action) {
            this.cell = cell;
            this.action = action;
        }

        @Override
        protected Object bind() {
            return new LocalBarrier(SharedBarrier.attach(cell), action);
        }
    }
}
