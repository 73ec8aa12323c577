package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore shared by processes: Python's {@code multiprocessing.Semaphore} and
 * {@code BoundedSemaphore}, with the methods of {@link java.util.concurrent.Semaphore}.
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>Permits are shared by every thread of every process that uses the semaphore; any of them
 *       may release, whether or not it acquired.</li>
 *   <li><b>Memory consistency</b>: what a thread writes to memory shared between processes before
 *       it releases is seen by the thread, in any process, whose acquire takes that permit.</li>
 *   <li>A <b>bounded</b> semaphore ({@link ProcessContext#boundedSemaphore(int)}) never holds more
 *       permits than it started with: a release past that throws {@link IllegalStateException}
 *       and releases nothing.</li>
 *   <li><b>Permits of a process that dies are lost</b>, as in Python and with POSIX semaphores:
 *       a permit belongs to nobody, so there is no telling whether a dead process would have
 *       given it back. Guard a resource that must survive its user's death with a
 *       {@link RobustLock}.</li>
 *   <li>Not fair; waiting costs no processor time, as with {@link RobustLock}.</li>
 * </ul>
 *
 * @see ProcessContext#semaphore(int)
 * @see ProcessContext#boundedSemaphore(int)
 */
public interface ProcessSemaphore {

    /**
     * Takes a permit, waiting until one is available.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default void acquire() throws InterruptedException {
        acquire(1);
    }

    /**
     * Takes {@code permits} permits at once, waiting until they are available.
     *
     * @param permits how many, at least 1
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void acquire(int permits) throws InterruptedException;

    /**
     * Takes a permit if one is available now.
     *
     * @return whether a permit was taken
     */
    default boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code permits} permits if they are available now.
     *
     * @param permits how many, at least 1
     * @return whether they were taken
     */
    boolean tryAcquire(int permits);

    /**
     * Takes a permit if one becomes available within the timeout.
     *
     * @param timeout the longest wait
     * @param unit its unit
     * @return whether a permit was taken
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return tryAcquire(1, timeout, unit);
    }

    /**
     * Takes {@code permits} permits if they become available within the timeout.
     *
     * @param permits how many, at least 1
     * @param timeout the longest wait
     * @param unit its unit
     * @return whether they were taken
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Takes a permit if one becomes available within {@code timeout}.
     *
     * @param timeout the longest wait
     * @return whether a permit was taken
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default boolean tryAcquire(Duration timeout) throws InterruptedException {
        return tryAcquire(1, timeout);
    }

    /**
     * Takes {@code permits} permits if they become available within {@code timeout}.
     *
     * @param permits how many, at least 1
     * @param timeout the longest wait
     * @return whether they were taken
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default boolean tryAcquire(int permits, Duration timeout) throws InterruptedException {
        return tryAcquire(permits, TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException if the semaphore is bounded and already holds all its permits
     */
    default void release() {
        release(1);
    }

    /**
     * Gives {@code permits} permits back.
     *
     * @param permits how many, at least 1
     * @throws IllegalStateException if the semaphore is bounded and would hold more permits than it
     *     started with; nothing is released then
     */
    void release(int permits);

    /**
     * The permits available now (Python's {@code get_value()}).
     *
     * @return the count
     */
    int availablePermits();

    /**
     * Whether releases past the initial permits are refused.
     *
     * @return {@code true} for a bounded semaphore
     */
    boolean isBounded();
}
