package org.multiprocessing4j;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.sync.RobustMutex;

/**
 * A {@link Lock} shared by processes that recovers when its holder dies: what
 * {@link ProcessLock} and {@link ProcessReentrantLock} have in common.
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li><b>Mutual exclusion</b> holds among all threads of all processes that use the lock: a
 *       lock captured by a child's target is the same lock in the child.</li>
 *   <li><b>Memory consistency</b>: what a thread writes to memory shared between processes (shared
 *       memory of this library, or a file mapped by both) before it unlocks is seen by the thread,
 *       in any process, that locks next, as between threads of one JVM.</li>
 *   <li><b>Holder death</b>: when the process holding the lock dies, even by {@code SIGKILL}, the
 *       next thread that waits for it, in any process, takes it over within a second. It then
 *       holds the lock normally, and {@link #ownerDied()} returns {@code true} until it releases
 *       it: the data the lock protects may have been left half-updated, as with a POSIX robust
 *       mutex's {@code EOWNERDEAD}. {@link #tryLock()} also takes over a lock whose holder has died.
 *       A <em>thread</em> that ends while holding the lock in a process that goes on leaves it
 *       held, as with {@link java.util.concurrent.locks.ReentrantLock}.</li>
 *   <li><b>Only the holding thread may unlock</b>: any other thread, in this or another process,
 *       gets an {@link IllegalMonitorStateException}. (Python's {@code multiprocessing.Lock} lets
 *       anyone release it; code that hands a held lock to another process should use a
 *       {@link ProcessSemaphore} instead.)</li>
 *   <li><b>Not fair</b>: a thread that comes along may take the lock before one that has waited.</li>
 *   <li><b>Waiting costs no processor time</b>: a waiter sleeps in the kernel until the lock is
 *       released. Interrupts are noticed within 50 ms.</li>
 * </ul>
 *
 * <p>The lock lives in shared memory of the process that created it and lasts as long as that
 * process: a process that already uses it may go on using it after the creator has exited, but
 * it can no longer be passed to a new process.
 */
public abstract sealed class RobustLock implements Lock, Serializable permits ProcessLock, ProcessReentrantLock {

    private static final long serialVersionUID = 1L;

    final transient RobustMutex mutex;

    RobustLock(RobustMutex mutex) {
        this.mutex = mutex;
    }

    /**
     * Takes the lock, waiting as long as it takes.
     *
     * @throws IllegalMonitorStateException if the lock is not reentrant and the current thread
     *     holds it already: the wait would never end
     */
    @Override
    public void lock() {
        mutex.lock();
    }

    /**
     * Takes the lock unless the current thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted before it gets the lock
     * @throws IllegalMonitorStateException if the lock is not reentrant and the current thread
     *     holds it already
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        mutex.lockInterruptibly();
    }

    /**
     * Takes the lock if it is free, or held by a process that has died.
     *
     * @return whether the lock was taken
     */
    @Override
    public boolean tryLock() {
        return mutex.tryLock();
    }

    /**
     * Takes the lock if it becomes free within the timeout.
     *
     * @return whether the lock was taken; {@code false} at once if the lock is not reentrant and
     *     the current thread holds it already
     * @throws InterruptedException if the thread is interrupted before it gets the lock
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return mutex.tryLock(Math.max(0, unit.toNanos(time)));
    }

    /**
     * Releases the lock, or one hold of a reentrant lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    public void unlock() {
        mutex.unlock();
    }

    /**
     * A new condition of this lock, shared by processes like the lock.
     *
     * @return the condition
     * @see ProcessContext#condition(RobustLock)
     */
    @Override
    public ProcessCondition newCondition() {
        return new ProcessCondition(this);
    }

    /**
     * Whether the current thread holds this lock and took it over from a process that died
     * holding it: the state the lock protects may be inconsistent and should be checked or
     * repaired before it is used. Stays {@code true} until the lock is fully released.
     *
     * @return {@code true} if the previous owner died holding the lock
     */
    public boolean ownerDied() {
        return mutex.ownerDied();
    }

    /**
     * Whether some thread of some process holds the lock (or held it when its process died and
     * nobody has taken it over yet).
     *
     * @return whether the lock is held
     */
    public boolean isLocked() {
        return mutex.isLocked();
    }

    /**
     * Whether the current thread holds the lock.
     *
     * @return whether the current thread holds the lock
     */
    public boolean isHeldByCurrentThread() {
        return mutex.isHeldByCurrentThread();
    }

    @Override
    public String toString() {
        long owner = mutex.ownerPid();
        return getClass().getSimpleName() + (owner == 0 ? "[unlocked]" : "[locked by pid " + owner + "]");
    }

    /** Crosses into another process as a handle to the same lock. */
    final Object writeReplace() {
        return new Handle(mutex.handle(), this instanceof ProcessReentrantLock);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a lock is deserialized from its handle only");
    }

    private record Handle(CellHandle cell, boolean reentrant) implements Serializable {

        private Object readResolve() {
            RobustMutex mutex = RobustMutex.attach(cell, reentrant);
            return reentrant ? new ProcessReentrantLock(mutex) : new ProcessLock(mutex);
        }
    }
}
