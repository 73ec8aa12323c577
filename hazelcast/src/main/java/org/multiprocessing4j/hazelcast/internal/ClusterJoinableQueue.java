package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Map;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.spi.Serializer;

/**
 * A cluster queue that counts its unfinished elements in a map entry named after it: one more
 * before each element is added (so that a consumer's {@code taskDone} never finds the count below
 * zero), one less for each {@code taskDone}, both entry processors; {@code join} sleeps on the
 * entry until it reads zero.
 */
final class ClusterJoinableQueue<E> extends ClusterQueue<E> implements JoinableProcessQueue<E> {

    private static final long serialVersionUID = 1L;
    static final String UNFINISHED = "multiprocessing4j.unfinished";

    ClusterJoinableQueue(ClusterRuntime runtime, String name, int bound, Serializer serializer) {
        super(runtime, name, bound, serializer);
    }

    static <E> ClusterJoinableQueue<E> create(ClusterRuntime runtime, int bound, Serializer serializer) {
        return new ClusterJoinableQueue<>(runtime, named(runtime, bound, serializer), bound, serializer);
    }

    private IMap<String, Long> unfinished() {
        return runtime.instance().getMap(UNFINISHED);
    }

    @Override
    void adding() {
        runtime.partitionCalls().executeOnKey(UNFINISHED, name, new Count(1));
    }

    @Override
    void notAdded() {
        runtime.partitionCalls().executeOnKey(UNFINISHED, name, new Count(-1));
    }

    @Override
    public void taskDone() {
        if (!runtime.partitionCalls().executeOnKey(UNFINISHED, name, new Count(-1))) {
            throw new IllegalStateException("taskDone() was called more times than elements were put");
        }
    }

    @Override
    public void join() throws InterruptedException {
        join(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return ClusterCalls.blocking(() -> runtime.watch(UNFINISHED).await(name, () -> {
            Long count = unfinished().get(name);
            return count == null || count == 0;
        }, timeout.isNegative() ? 0 : saturatedNanos(timeout)));
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Adds {@code delta} to the count, unless that would take it below zero: answers whether it did. */
    record Count(long delta) implements EntryProcessor<String, Long, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Long> entry) {
            long count = entry.getValue() == null ? 0 : entry.getValue();
            if (count + delta < 0) {
                return false;
            }
            entry.setValue(count + delta);
            return true;
        }
    }
}
