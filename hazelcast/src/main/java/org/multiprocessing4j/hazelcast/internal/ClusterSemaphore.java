package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * A semaphore kept in a cluster map as its count of permits. Taking and giving are entry
 * processors, atomic on the entry's owner; a taker that finds too few sleeps on the entry until
 * it changes. The cluster's open-source edition has no semaphore of its own (the CP subsystem's is
 * Enterprise-only). Permits belong to nobody, so those of a process that dies are lost, as locally.
 */
final class ClusterSemaphore implements ProcessSemaphore, Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "multiprocessing4j.semaphores";

    private final transient ClusterRuntime runtime;
    private final transient String id;
    /** The most permits it holds, or 0 for no bound. */
    private final transient int bound;

    private ClusterSemaphore(ClusterRuntime runtime, String id, int bound) {
        this.runtime = runtime;
        this.id = id;
        this.bound = bound;
    }

    static ClusterSemaphore create(ClusterRuntime runtime, int permits, boolean bounded) {
        if (permits < (bounded ? 1 : 0)) {
            throw new IllegalArgumentException((bounded ? "a bounded semaphore starts with at least 1 permit: "
                    : "a semaphore starts with 0 permits or more: ") + permits);
        }
        ClusterSemaphore semaphore = new ClusterSemaphore(runtime, UUID.randomUUID().toString(), bounded ? permits : 0);
        semaphore.map().set(semaphore.id, (long) permits);
        return semaphore;
    }

    private IMap<String, Long> map() {
        return runtime.instance().getMap(MAP);
    }

    @Override
    public void acquire(int permits) throws InterruptedException {
        tryAcquire(permits, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean tryAcquire(int permits) {
        int taken = positive(permits);
        return runtime.partitionCalls().executeOnKey(MAP, id, new Change(-taken, 0));
    }

    @Override
    public boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException {
        positive(permits);
        return ClusterCalls.blocking(() -> tryAcquire(permits)
                || runtime.watch(MAP).await(id, () -> tryAcquire(permits), unit.toNanos(timeout)));
    }

    @Override
    public void release(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("cannot release a negative number of permits: " + permits);
        }
        if (!runtime.partitionCalls().executeOnKey(MAP, id, new Change(permits, bound))) {
            throw new IllegalStateException("releasing " + permits + " would take the bounded semaphore past its "
                    + bound + " permits");
        }
    }

    @Override
    public int availablePermits() {
        Long permits = runtime.partitionCalls().get(MAP, id);
        return permits == null ? 0 : (int) Math.min(Integer.MAX_VALUE, permits);
    }

    @Override
    public boolean isBounded() {
        return bound > 0;
    }

    private static int positive(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits are taken 1 or more at a time: " + permits);
        }
        return permits;
    }

    @Override
    public String toString() {
        return "ProcessSemaphore[permits=" + availablePermits() + (isBounded() ? ", bound=" + bound : "") + "]";
    }

    private Object writeReplace() {
        return new Handle(runtime.options().asMap(), id, bound);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a semaphore is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String id;
        private final int bound;

        Handle(Map<String, String> options, String id, int bound) {
            this.options = Map.copyOf(options);
            this.id = id;
            this.bound = bound;
        }

        @Override
        protected Object bind() {
            return new ClusterSemaphore(ClusterRuntime.of(ClusterOptions.of(options)), id, bound);
        }
    }

    /**
     * Adds {@code delta} permits unless the count would go below zero or, with a bound, above it:
     * answers whether it did.
     */
    record Change(long delta, long bound) implements EntryProcessor<String, Long, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Long> entry) {
            long permits = entry.getValue() == null ? 0 : entry.getValue();
            long next = permits + delta;
            if (next < 0 || bound > 0 && next > bound) {
                return false;
            }
            if (delta != 0) {
                entry.setValue(next);
            }
            return true;
        }
    }
}
