package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

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
 *       next thread that waits for it, in any process, takes it over. It then holds the lock
 *       normally, and {@link #ownerDied()} returns {@code true} until it releases it: the data the
 *       lock protects may have been left half-updated, as with a POSIX robust mutex's
 *       {@code EOWNERDEAD}. {@link #tryLock()} also takes over a lock whose holder has died. A
 *       <em>thread</em> that ends while holding the lock in a process that goes on leaves it held,
 *       as with {@link java.util.concurrent.locks.ReentrantLock}. How soon a death is noticed is
 *       the backend's: within a second on the local one.</li>
 *   <li><b>Only the holding thread may unlock</b>: any other thread, in this or another process,
 *       gets an {@link IllegalMonitorStateException}. (Python's {@code multiprocessing.Lock} lets
 *       anyone release it; code that hands a held lock to another process should use a
 *       {@link ProcessSemaphore} instead.)</li>
 *   <li><b>Not fair</b>: a thread that comes along may take the lock before one that has waited.</li>
 *   <li><b>Waiting costs no processor time</b>: a waiter sleeps until the lock is released.</li>
 * </ul>
 */
public interface RobustLock extends Lock {

    /**
     * Takes the lock, waiting as long as it takes.
     *
     * @throws IllegalMonitorStateException if the lock is not reentrant and the current thread
     *     holds it already: the wait would never end
     */
    @Override
    void lock();

    /**
     * Takes the lock unless the current thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted before it gets the lock
     * @throws IllegalMonitorStateException if the lock is not reentrant and the current thread
     *     holds it already
     */
    @Override
    void lockInterruptibly() throws InterruptedException;

    /**
     * Takes the lock if it is free, or held by a process that has died.
     *
     * @return whether the lock was taken
     */
    @Override
    boolean tryLock();

    /**
     * Takes the lock if it becomes free within the timeout.
     *
     * @return whether the lock was taken; {@code false} at once if the lock is not reentrant and
     *     the current thread holds it already
     * @throws InterruptedException if the thread is interrupted before it gets the lock
     */
    @Override
    boolean tryLock(long time, TimeUnit unit) throws InterruptedException;

    /**
     * Takes the lock if it becomes free within {@code timeout}.
     *
     * @param timeout the longest wait
     * @return whether the lock was taken; {@code false} at once if the lock is not reentrant and
     *     the current thread holds it already
     * @throws InterruptedException if the thread is interrupted before it gets the lock
     */
    default boolean tryLock(Duration timeout) throws InterruptedException {
        return tryLock(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Releases the lock, or one hold of a reentrant lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    void unlock();

    /**
     * A new condition of this lock, shared by processes like the lock.
     *
     * @return the condition
     * @see ProcessContext#condition(RobustLock)
     */
    @Override
    ProcessCondition newCondition();

    /**
     * Whether the current thread holds this lock and took it over from a process that died
     * holding it: the state the lock protects may be inconsistent and should be checked or
     * repaired before it is used. Stays {@code true} until the lock is fully released.
     *
     * @return {@code true} if the previous owner died holding the lock
     */
    boolean ownerDied();

    /**
     * Whether some thread of some process holds the lock (or held it when its process died and
     * nobody has taken it over yet).
     *
     * @return whether the lock is held
     */
    boolean isLocked();

    /**
     * Whether the current thread holds the lock.
     *
     * @return whether the current thread holds the lock
     */
    boolean isHeldByCurrentThread();
}
