package org.multiprocessing4j;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting on many pipe ends, queues and processes at once: Python's
 * {@code multiprocessing.connection.wait}.
 *
 * <pre>{@code
 * List<Object> ready = Connections.waitAny(List.of(fromA, fromB, worker), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Implementation note. Each object has its own wait word in shared memory, and a futex waits on
 * one word only, so this waits by looking at every object, then napping: 50 µs at first, doubling
 * up to 10 ms. An object that becomes ready is noticed within a nap, and a thread waiting here for
 * long uses a fraction of a percent of a core.
 */
public final class Connections {

    private static final long FIRST_NAP_NANOS = 50_000;
    private static final long LONGEST_NAP_NANOS = 10_000_000;

    private Connections() {
    }

    /**
     * Waits until at least one of {@code objects} is ready, or {@code timeout} has passed.
     * Ready means: a {@link PipeEnd} that {@linkplain PipeEnd#poll() has a message or its end
     * of data} (or is closed: using it would not block), a {@link ProcessQueue} or
     * {@link SimpleProcessQueue} that is not empty, a {@link ChildProcess} that has exited (Python's
     * {@code sentinel}).
     *
     * @param objects pipe ends, queues and child processes
     * @param timeout the longest wait; {@code null} for no limit
     * @return those ready, in the order given; empty if time ran out
     * @throws IllegalArgumentException if an object is of another type
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Object> waitAny(Collection<?> objects, Duration timeout) throws InterruptedException {
        for (Object object : objects) {
            if (!(object instanceof PipeEnd || object instanceof ProcessQueue || object instanceof SimpleProcessQueue
                    || object instanceof ChildProcess)) {
                throw new IllegalArgumentException("cannot wait on a " + (object == null ? "null" : object.getClass().getName()));
            }
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeout.toNanos());
        long nap = FIRST_NAP_NANOS;
        while (true) {
            List<Object> ready = new ArrayList<>();
            for (Object object : objects) {
                if (isReady(object)) {
                    ready.add(object);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (!ready.isEmpty() || remaining <= 0) {
                return ready;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(Math.min(nap, remaining));
            nap = Math.min(nap * 2, LONGEST_NAP_NANOS);
        }
    }

    private static boolean isReady(Object object) {
        if (object instanceof PipeEnd end) {
            try {
                return end.isClosed() || !end.isReadable() || end.poll();
            } catch (IOException e) {
                return true;
            }
        }
        if (object instanceof ProcessQueue<?> queue) {
            return !queue.isEmpty();
        }
        if (object instanceof SimpleProcessQueue<?> queue) {
            return !queue.isEmpty();
        }
        return ((ChildProcess) object).onExit().isDone();
    }
}
