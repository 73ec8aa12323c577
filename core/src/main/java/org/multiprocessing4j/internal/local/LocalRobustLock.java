package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.internal.launch.LocalRuntime;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.sync.RobustMutex;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's locks: a {@link RobustMutex} in a cell of shared memory. A waiter sleeps
 * on a futex and notices an interrupt within 50 ms; a holder's death is noticed, and the lock
 * taken over, within a second. The lock lives in a cell of shared memory of the process that
 * created it, reused once no running process has a copy (see decision 0022), and at the latest
 * removed when the creator exits: a process that already uses it may go on using it after that,
 * but it can no longer be passed to a new process.
 */
public abstract sealed class LocalRobustLock implements RobustLock, Serializable permits LocalLock, LocalReentrantLock {

    private static final long serialVersionUID = 1L;

    final transient RobustMutex mutex;
    /** Where this process makes the cells of the lock's conditions. */
    private final transient SegmentDirectory shm;

    LocalRobustLock(RobustMutex mutex, SegmentDirectory shm) {
        this.mutex = mutex;
        this.shm = shm;
    }

    @Override
    public void lock() {
        mutex.lock();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        mutex.lockInterruptibly();
    }

    @Override
    public boolean tryLock() {
        return mutex.tryLock();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return mutex.tryLock(Math.max(0, unit.toNanos(time)));
    }

    @Override
    public void unlock() {
        mutex.unlock();
    }

    @Override
    public ProcessCondition newCondition() {
        return LocalCondition.create(shm, this);
    }

    @Override
    public boolean ownerDied() {
        return mutex.ownerDied();
    }

    @Override
    public boolean isLocked() {
        return mutex.isLocked();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return mutex.isHeldByCurrentThread();
    }

    @Override
    public String toString() {
        long owner = mutex.ownerPid();
        String kind = this instanceof LocalReentrantLock ? "ProcessReentrantLock" : "ProcessLock";
        return kind + (owner == 0 ? "[unlocked]" : "[locked by pid " + owner + "]");
    }

    /** Crosses into another process as a handle to the same lock. */
    final Object writeReplace() {
        return new Handle(mutex.handle(), this instanceof LocalReentrantLock);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a lock is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final CellHandle cell;
        private final boolean reentrant;

        Handle(CellHandle cell, boolean reentrant) {
            this.cell = cell;
            this.reentrant = reentrant;
        }

        @Override
        protected Object bind() {
            RobustMutex mutex = RobustMutex.attach(cell, reentrant);
            SegmentDirectory here = LocalRuntime.instance().segments();
            return reentrant ? new LocalReentrantLock(mutex, here) : new LocalLock(mutex, here);
        }
    }
}
