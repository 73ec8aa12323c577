package org.multiprocessing4j.spi;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * How a thread sleeps until one of several {@link Waitable}s of one backend may be ready: what
 * {@link org.multiprocessing4j.Connections#waitAny} is made of, as a {@link java.nio.channels.Selector}
 * is for channels of one provider.
 *
 * <p>A waiter must never sleep through a change: a wake-up that comes between its look at
 * {@code ready} and its sleep ends the sleep at once. It looks at {@code ready} holding no lock of
 * its own, since looking may take other locks and {@link #wakeUp()} may be called under them.
 * Implementations are safe for use by any number of threads at once.
 */
public interface Waiter {

    /**
     * Waits until {@code ready} holds or {@code timeoutNanos} have passed, sleeping until one of
     * {@code objects} may have changed, or {@link #wakeUp()} is called.
     *
     * @param objects what to sleep on; each one's {@link Waitable#waiter()} is this waiter
     * @param ready whether the wait is over; called after each wake-up, and at least every 50 ms so
     *     that it also sees what no wake-up announces (a process that died)
     * @param timeoutNanos the longest wait; {@link Long#MAX_VALUE} for no limit
     * @return whether {@code ready} held; {@code false} if time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    boolean await(List<? extends Waitable> objects, BooleanSupplier ready, long timeoutNanos)
            throws InterruptedException;

    /**
     * Ends, at once, the sleep of every thread of this process waiting in {@link #await}, which
     * then looks at {@code ready} again: for changes the waiter cannot see itself, such as a
     * child's exit. May be called from any thread.
     */
    void wakeUp();
}
