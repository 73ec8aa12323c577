package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * A barrier shared by processes: Python's {@code multiprocessing.Barrier}, with the methods and
 * exceptions of {@link java.util.concurrent.CyclicBarrier}.
 *
 * <pre>{@code
 * ProcessBarrier start = Multiprocessing.barrier(3, () -> System.out.println("all here"));
 * // in each of three processes:
 * start.await();
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Threads of any processes wait until {@link #parties()} of them have arrived; the last to
 *       arrive runs the action, if there is one, in its own process, then all are released and
 *       the barrier starts its next generation. The action is serialized with the barrier and
 *       runs once per generation.</li>
 *   <li>{@link #await()} returns the arrival index as {@code CyclicBarrier} does:
 *       {@code parties() - 1} for the first to arrive, 0 for the last (Python counts the other
 *       way: its index is {@code parties() - 1 - } this one).</li>
 *   <li>The barrier breaks, and every thread waiting or arriving later gets a
 *       {@link BrokenBarrierException}, when a waiter times out (it gets a
 *       {@link TimeoutException}) or is interrupted, when the action throws (the last party gets
 *       that exception), on {@link #abort()}, or when the process running the action dies. It is
 *       whole again after {@link #reset()}.</li>
 *   <li><b>Memory consistency</b>: what each party writes to memory shared between processes
 *       before it arrives is seen by the action and by every party after {@code await} returns.</li>
 *   <li>Waiting costs no processor time. A process that dies after arriving still counts as
 *       arrived.</li>
 * </ul>
 *
 * @see ProcessContext#barrier(int, SerializableRunnable)
 */
public interface ProcessBarrier {

    /**
     * Arrives and waits for the other parties.
     *
     * @return the arrival index: {@code parties() - 1} for the first to arrive, 0 for the last
     * @throws InterruptedException if the thread is interrupted while waiting; the barrier breaks
     * @throws BrokenBarrierException if the barrier is or becomes broken before it trips, or the
     *     action threw a checked exception (its cause)
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * Arrives and waits at most {@code timeout} for the other parties.
     *
     * @param timeout the longest wait
     * @param unit its unit
     * @return the arrival index
     * @throws InterruptedException if the thread is interrupted while waiting; the barrier breaks
     * @throws BrokenBarrierException if the barrier is or becomes broken before it trips
     * @throws TimeoutException if time runs out first; the barrier breaks
     */
    int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /**
     * Arrives and waits at most {@code timeout} for the other parties.
     *
     * @param timeout the longest wait
     * @return the arrival index
     * @throws InterruptedException if the thread is interrupted while waiting; the barrier breaks
     * @throws BrokenBarrierException if the barrier is or becomes broken before it trips
     * @throws TimeoutException if time runs out first; the barrier breaks
     */
    default int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return await(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }

    /**
     * How many parties must arrive for the barrier to trip.
     *
     * @return the parties
     */
    int parties();

    /**
     * How many parties are waiting (Python's {@code n_waiting}).
     *
     * @return the count
     */
    int numberWaiting();

    /**
     * Whether the barrier is broken.
     *
     * @return {@code true} if broken
     */
    boolean isBroken();

    /**
     * Makes the barrier whole and empty again; parties waiting now get a
     * {@link BrokenBarrierException}. Waits for an action that is running to finish.
     */
    void reset();

    /**
     * Breaks the barrier: parties waiting now and arriving before the next {@link #reset()} get a
     * {@link BrokenBarrierException}.
     */
    void abort();
}
