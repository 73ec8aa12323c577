package org.multiprocessing4j.internal.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.multiprocessing4j.spi.Waitable;
import org.multiprocessing4j.spi.Waiter;

/**
 * The {@link Waiter} of socket connections: each wait registers the connections' channels with a
 * selector of its own and sleeps in it, so that data or the end of data on any of them ends the
 * sleep. A selector made per wait costs some microseconds, little beside a wait; keeping one per
 * thread would leave channels registered after their wait.
 */
final class SocketWaiter implements Waiter {

    static final SocketWaiter INSTANCE = new SocketWaiter();

    /** Looks at {@code ready} at least this often, as the contract asks. */
    private static final long SLICE_NANOS = 50_000_000;

    /** The selectors threads sleep in now, for {@link #wakeUp()}. */
    private final Set<Selector> sleeping = ConcurrentHashMap.newKeySet();

    private SocketWaiter() {
    }

    @Override
    public boolean await(List<? extends Waitable> objects, BooleanSupplier ready, long timeoutNanos)
            throws InterruptedException {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        try (Selector selector = Selector.open()) {
            for (Waitable object : objects) {
                try {
                    ((SocketChannelConnection) object).channel().register(selector, SelectionKey.OP_READ);
                } catch (ClosedChannelException e) {
                    // closed: ready, which the look at ready sees
                }
            }
            // registered before the first look: a wake-up from now on ends the next select at once
            sleeping.add(selector);
            try {
                while (!ready.getAsBoolean()) {
                    long remaining = deadline == Long.MAX_VALUE ? SLICE_NANOS : deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(remaining, SLICE_NANOS))));
                    selector.selectedKeys().clear();
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                return true;
            } finally {
                sleeping.remove(selector);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wait on sockets", e);
        }
    }

    @Override
    public void wakeUp() {
        for (Selector selector : sleeping) {
            selector.wakeup();
        }
    }
}
