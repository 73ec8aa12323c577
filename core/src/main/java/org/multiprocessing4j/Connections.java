package org.multiprocessing4j;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.shm.GateSet;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.shm.WakeWord;

/**
 * Waiting on many pipe ends, queues and processes at once: Python's
 * {@code multiprocessing.connection.wait}.
 *
 * <pre>{@code
 * List<Object> ready = Connections.waitAny(List.of(fromA, fromB, worker), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>A thread blocked in {@link #waitAny} uses no processor time, and returns as soon as one of
 * the objects is ready: a message sent by any process, a pipe end closed in any process, a child
 * that exits. One case is noticed later: a pipe end whose writing process died without closing
 * it, within about 100 ms.
 *
 * <p>Implementation note. Each pipe end and queue has a wait gate in shared memory, which its
 * writers wake; a waiting thread sleeps on all of them at once (with Linux's
 * {@code futex_waitv}), and on a word of this process that a child's exit wakes. Where the kernel
 * lacks {@code futex_waitv} (before Linux 5.16), it looks at every object, then naps, 50 µs at
 * first, doubling up to 10 ms.
 */
public final class Connections {

    /** Woken when a child watched here exits. */
    private static final WakeWord EXITS = new WakeWord();
    /** Each child's exit, with {@link #EXITS} woken once it is done; watched once per child. */
    private static final Map<ChildProcess, CompletableFuture<?>> EXIT_WATCHES =
            Collections.synchronizedMap(new WeakHashMap<>());

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
        List<WaitGate> gates = new ArrayList<>();
        for (Object object : objects) {
            MessageRing ring = readRing(object);
            if (ring != null) {
                gates.add(ring.dataGate());
            } else if (object instanceof ChildProcess child) {
                watchExit(child);
            } else if (!(object instanceof PipeEnd)) {
                throw new IllegalArgumentException("cannot wait on a " + (object == null ? "null" : object.getClass().getName()));
            }
        }
        long timeoutNanos = timeout == null ? WaitGate.FOREVER : Math.max(0, timeout.toNanos());
        List<Object> ready = new ArrayList<>();
        GateSet.await(gates, EXITS, () -> {
            ready.clear();
            for (Object object : objects) {
                if (isReady(object)) {
                    ready.add(object);
                }
            }
            return !ready.isEmpty();
        }, timeoutNanos);
        return ready;
    }

    /** The ring an object is read from: {@code null} for a process, or a pipe end that cannot receive. */
    private static MessageRing readRing(Object object) {
        if (object instanceof PipeEnd end) {
            return end.in;
        }
        if (object instanceof ProcessQueue<?> queue) {
            return queue.ring;
        }
        if (object instanceof SimpleProcessQueue<?> queue) {
            return queue.ring;
        }
        return null;
    }

    private static CompletableFuture<?> watchExit(ChildProcess child) {
        return EXIT_WATCHES.computeIfAbsent(child, c -> c.onExit().whenComplete((exited, failure) -> EXITS.wake()));
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
        // done once the exit is seen and the waiters were woken for it
        return watchExit((ChildProcess) object).isDone();
    }
}
