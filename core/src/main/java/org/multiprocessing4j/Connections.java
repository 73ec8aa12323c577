package org.multiprocessing4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.multiprocessing4j.spi.Waitable;
import org.multiprocessing4j.spi.Waiter;

/**
 * Waiting on many pipe ends, socket connections, queues and processes at once: Python's
 * {@code multiprocessing.connection.wait}. {@link Listener} and {@link Client}, the rest of that
 * module, make {@link SocketConnection}s.
 *
 * <pre>{@code
 * List<Object> ready = Connections.waitAny(List.of(fromA, fromB, worker), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>A thread blocked in {@link #waitAny} uses no processor time, and returns as soon as one of
 * the objects is ready: a message sent by any process, a pipe end closed in any process, a child
 * that exits. A pipe end whose writing process died without closing it is ready once its backend
 * notices the death (within about 100 ms on the local backend).
 *
 * <p>Implementation note. Pipe ends, socket connections and queues are {@link Waitable}s, each
 * with the {@link Waiter} of its backend (socket connections have one of their own, a selector),
 * which sleeps on all of that backend's objects at once; a child's exit wakes the waiter. Objects of several backends in one call are slept on by the first
 * backend's waiter, in slices of at most 10 ms after which the others are looked at.
 */
public final class Connections {

    private static final long FIRST_SLICE_NANOS = 1_000_000;
    private static final long LONGEST_SLICE_NANOS = 10_000_000;

    /** The waiters of the threads now waiting on a child: each child's exit wakes them. */
    private static final List<Waiter> WOKEN_BY_EXITS = new CopyOnWriteArrayList<>();
    /**
     * The children whose exit wakes those waiters: watched once each, so that a loop of waits
     * does not pile completions onto a future that has not completed.
     */
    private static final Set<ChildProcess> WATCHED = Collections.newSetFromMap(
            Collections.synchronizedMap(new WeakHashMap<>()));

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
        Map<Waiter, List<Waitable>> byWaiter = new LinkedHashMap<>();
        List<ChildProcess> children = new ArrayList<>();
        for (Object object : objects) {
            if (object instanceof Waitable waitable) {
                byWaiter.computeIfAbsent(waitable.waiter(), w -> new ArrayList<>()).add(waitable);
            } else if (object instanceof ChildProcess child) {
                children.add(child);
            } else {
                throw new IllegalArgumentException("cannot wait on a "
                        + (object == null ? "null" : object.getClass().getName()));
            }
        }
        Waiter waiter = byWaiter.isEmpty() ? new ExitWaiter() : byWaiter.keySet().iterator().next();
        List<Waitable> sleptOn = byWaiter.getOrDefault(waiter, List.of());
        List<Object> ready = new ArrayList<>();
        BooleanSupplier anyReady = () -> {
            ready.clear();
            for (Object object : objects) {
                if (isReady(object)) {
                    ready.add(object);
                }
            }
            return !ready.isEmpty();
        };
        long timeoutNanos = timeout == null ? Long.MAX_VALUE : Math.max(0, TimeUnit.NANOSECONDS.convert(timeout));
        if (!children.isEmpty()) {
            WOKEN_BY_EXITS.add(waiter);
        }
        try {
            // before the wait: a child that has exited already wakes the waiters at once
            children.forEach(Connections::watchExit);
            if (byWaiter.size() <= 1) {
                waiter.await(sleptOn, anyReady, timeoutNanos);
            } else {
                awaitInSlices(waiter, sleptOn, anyReady, timeoutNanos);
            }
        } finally {
            if (!children.isEmpty()) {
                WOKEN_BY_EXITS.remove(waiter);
            }
        }
        return ready;
    }

    /**
     * Waits until at least one of {@code objects} is ready, or {@code timeout} has passed; as
     * {@link #waitAny(Collection, Duration)}.
     *
     * @param objects pipe ends, queues and child processes
     * @param timeout the longest wait
     * @param unit its unit
     * @return those ready, in the order given; empty if time ran out
     * @throws IllegalArgumentException if an object is of another type
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Object> waitAny(Collection<?> objects, long timeout, TimeUnit unit)
            throws InterruptedException {
        return waitAny(objects, Duration.ofNanos(unit.toNanos(timeout)));
    }

    /** Sleeps on one backend's objects in short slices, so that the others are looked at too. */
    private static void awaitInSlices(Waiter waiter, List<Waitable> sleptOn, BooleanSupplier ready,
            long timeoutNanos) throws InterruptedException {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        for (long slice = FIRST_SLICE_NANOS;; slice = Math.min(2 * slice, LONGEST_SLICE_NANOS)) {
            long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (waiter.await(sleptOn, ready, Math.max(0, Math.min(slice, remaining))) || remaining <= slice) {
                return;
            }
        }
    }

    private static boolean isReady(Object object) {
        if (object instanceof Waitable waitable) {
            return waitable.isReady();
        }
        // known before its exit wakes the waiters (see watchExit), so a woken waiter sees it
        return ((ChildProcess) object).exitCode() != null;
    }

    /** Has the child's exit wake the waiters, once per child; outside any lock. */
    private static void watchExit(ChildProcess child) {
        if (WATCHED.add(child)) {
            child.onExit().whenComplete((exited, failure) -> {
                for (Waiter waiter : WOKEN_BY_EXITS) {
                    waiter.wakeUp();
                }
            });
        }
    }

    /**
     * The waiter of a wait on children only: their exits count its wake-ups. It looks at
     * {@code ready} outside its monitor, since looking may take locks of its own.
     */
    private static final class ExitWaiter implements Waiter {

        private static final long SLICE_NANOS = 50_000_000;

        private long wakeUps;

        @Override
        public boolean await(List<? extends Waitable> objects, BooleanSupplier ready, long timeoutNanos)
                throws InterruptedException {
            long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            while (true) {
                long seen;
                synchronized (this) {
                    seen = wakeUps;
                }
                if (ready.getAsBoolean()) {
                    return true;
                }
                long remaining = deadline == Long.MAX_VALUE ? SLICE_NANOS : deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                synchronized (this) {
                    if (wakeUps == seen) {
                        TimeUnit.NANOSECONDS.timedWait(this, Math.min(remaining, SLICE_NANOS));
                    }
                }
            }
        }

        @Override
        public synchronized void wakeUp() {
            wakeUps++;
            notifyAll();
        }
    }
}
