package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by processes: Python's {@code multiprocessing.Condition}, as a
 * {@link Condition} of a {@link RobustLock}, plus Python's {@code wait_for}.
 *
 * <pre>{@code
 * ProcessReentrantLock lock = Multiprocessing.reentrantLock();
 * ProcessCondition ready = Multiprocessing.condition(lock);
 * // in any process:
 * lock.lock();
 * try {
 *     ready.waitFor(() -> isReady(), Duration.ofSeconds(5));
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>Threads of any process wait and signal, holding the condition's lock, as with
 *       {@link java.util.concurrent.locks.ReentrantLock#newCondition()}; waiting or signalling
 *       without holding it throws {@link IllegalMonitorStateException}.</li>
 *   <li>A signal wakes one of the threads waiting when it is sent, any of them: waiters are not
 *       served in order. It is never lost, and a thread that begins waiting after it was sent, in
 *       any process, the signaller included, does not take it. Spurious wake-ups are possible, as
 *       the {@link Condition} contract allows; wait in a loop, or with {@link #waitFor}.</li>
 *   <li>A waiter takes the lock back before it returns, even if it takes the lock over from a
 *       dead process; check {@link RobustLock#ownerDied()} after waking when that matters.</li>
 *   <li>A process killed while waiting may leave a signal for a later waiter, which then wakes
 *       spuriously, after a pause of at most 50 ms.</li>
 * </ul>
 *
 * @see ProcessContext#condition(RobustLock)
 */
public interface ProcessCondition extends Condition {

    /**
     * Waits until {@code predicate} holds: Python's {@code wait_for(predicate)}. The predicate is
     * evaluated in this process, with the lock held, first at once and then after each wake-up.
     *
     * @param predicate what the thread waits for
     * @throws InterruptedException if the thread is interrupted while waiting; it holds the lock
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    default void waitFor(BooleanSupplier predicate) throws InterruptedException {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Waits at most {@code timeout} for {@code predicate} to hold: Python's
     * {@code wait_for(predicate, timeout)}.
     *
     * @param predicate what the thread waits for, evaluated as in {@link #waitFor(BooleanSupplier)}
     * @param timeout the longest wait
     * @return the predicate's last value: {@code false} if time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting; it holds the lock
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    default boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        long nanos = TimeUnit.NANOSECONDS.convert(timeout);
        long start = System.nanoTime();
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long remaining = nanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                break;
            }
            await(remaining, TimeUnit.NANOSECONDS);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Waits at most {@code timeout} for {@code predicate} to hold; as
     * {@link #waitFor(BooleanSupplier, Duration)}.
     *
     * @param predicate what the thread waits for
     * @param timeout the longest wait
     * @param unit its unit
     * @return the predicate's last value: {@code false} if time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting; it holds the lock
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    default boolean waitFor(BooleanSupplier predicate, long timeout, TimeUnit unit) throws InterruptedException {
        return waitFor(predicate, Duration.ofNanos(unit.toNanos(timeout)));
    }

    /**
     * Waits at most {@code timeout} to be signalled; as {@link #await(long, TimeUnit)}.
     *
     * @param timeout the longest wait
     * @return {@code false} if the time ran out before the thread was signalled
     * @throws InterruptedException if the thread is interrupted while waiting; it holds the lock
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    default boolean await(Duration timeout) throws InterruptedException {
        return await(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * Wakes one thread waiting on this condition, in any process.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    void signal();

    /**
     * Wakes every thread waiting on this condition, in every process.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    @Override
    void signalAll();

    /**
     * How many threads wait on this condition, in all processes, and have not been signalled; for
     * monitoring. A thread counts from just before it releases the lock to wait until a signal is
     * sent to it or it gives up; a process killed while waiting stays counted.
     *
     * @return the count
     */
    int numberWaiting();
}
