package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A flag shared by processes that threads can wait for: Python's {@code multiprocessing.Event}.
 * Python's {@code wait} is {@code await} here ({@code wait} belongs to {@link Object}).
 *
 * <pre>{@code
 * ProcessEvent ready = Multiprocessing.event();
 * Multiprocessing.process(() -> { prepare(); ready.set(); }).start();
 * ready.await();
 * }</pre>
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>{@link #set()} releases every thread waiting, in every process.</li>
 *   <li>A thread waiting while the event is set and cleared again is released too, even if it
 *       looks only after the clear (as {@code threading.Event} does; Python's
 *       {@code multiprocessing.Event} would report {@code False} then).</li>
 *   <li><b>Memory consistency</b>: what a thread writes to memory shared between processes before
 *       {@code set()} is seen by a thread, in any process, after its {@code await} returns
 *       {@code true} or {@code isSet()} returns {@code true}.</li>
 *   <li>Waiting costs no processor time. A process that dies changes nothing: an event has no
 *       owner.</li>
 * </ul>
 *
 * @see ProcessContext#event()
 */
public interface ProcessEvent {

    /** Sets the flag and releases every waiting thread. Does nothing if it is set. */
    void set();

    /** Clears the flag: later {@code await} calls wait again. */
    void clear();

    /**
     * Whether the flag is set.
     *
     * @return {@code true} if set
     */
    boolean isSet();

    /**
     * Waits until the flag is set; returns at once if it is.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void await() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the flag to be set.
     *
     * @param timeout the longest wait
     * @param unit its unit
     * @return {@code true} if it was set, {@code false} if time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the flag to be set.
     *
     * @param timeout the longest wait
     * @return {@code true} if it was set, {@code false} if time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default boolean await(Duration timeout) throws InterruptedException {
        return await(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }
}
