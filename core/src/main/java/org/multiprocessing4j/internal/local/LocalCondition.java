package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.sync.SharedCondition;
import org.multiprocessing4j.spi.SharedHandle;

/** The local backend's {@link ProcessCondition}: a {@link SharedCondition} in a cell of shared memory. */
public final class LocalCondition implements ProcessCondition, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient LocalRobustLock lock;
    private final transient SharedCondition condition;

    private LocalCondition(LocalRobustLock lock, SharedCondition condition) {
        this.lock = lock;
        this.condition = condition;
    }

    static LocalCondition create(SegmentDirectory shm, LocalRobustLock lock) {
        return new LocalCondition(lock, SharedCondition.create(shm, lock.mutex));
    }

    @Override
    public void await() throws InterruptedException {
        condition.await(WaitGate.FOREVER, true);
    }

    @Override
    public void awaitUninterruptibly() {
        try {
            condition.await(WaitGate.FOREVER, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + nanosTimeout;
        condition.await(Math.max(0, nanosTimeout), true);
        return deadline - System.nanoTime();
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return condition.await(Math.max(0, unit.toNanos(time)), true);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return condition.await(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)), true);
    }

    @Override
    public void signal() {
        condition.signal();
    }

    @Override
    public void signalAll() {
        condition.signalAll();
    }

    @Override
    public int numberWaiting() {
        return condition.numberWaiting();
    }

    @Override
    public String toString() {
        return "ProcessCondition[" + lock + ", waiting=" + numberWaiting() + "]";
    }

    /** Crosses into another process as a handle to the same condition and lock. */
    private Object writeReplace() {
        return new Handle(lock, condition.handle());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a condition is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final LocalRobustLock lock;
        private final CellHandle cell;

        Handle(LocalRobustLock lock, CellHandle cell) {
            this.lock = lock;
            this.cell = cell;
        }

        @Override
        protected Object bind() {
            return new LocalCondition(lock, SharedCondition.attach(cell, lock.mutex));
        }
    }
}
