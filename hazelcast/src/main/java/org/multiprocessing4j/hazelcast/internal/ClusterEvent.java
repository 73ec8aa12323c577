package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * An event kept in a cluster map as one number: the count of sets times two, plus one while set.
 * Setting and clearing are entry processors, so that they are atomic on the member that owns the
 * entry. A waiter is released when the flag is set or the count has moved since it began, which is
 * how a set followed at once by a clear still releases it.
 */
final class ClusterEvent implements ProcessEvent, Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "multiprocessing4j.events";

    private final transient ClusterRuntime runtime;
    private final transient String id;

    private ClusterEvent(ClusterRuntime runtime, String id) {
        this.runtime = runtime;
        this.id = id;
    }

    static ClusterEvent create(ClusterRuntime runtime) {
        return new ClusterEvent(runtime, UUID.randomUUID().toString());
    }

    private long state() {
        Long state = runtime.partitionCalls().get(MAP, id);
        return state == null ? 0 : state;
    }

    @Override
    public void set() {
        runtime.partitionCalls().executeOnKey(MAP, id, new Set());
    }

    @Override
    public void clear() {
        runtime.partitionCalls().executeOnKey(MAP, id, new Clear());
    }

    @Override
    public boolean isSet() {
        return (state() & 1) == 1;
    }

    @Override
    public void await() throws InterruptedException {
        await(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return ClusterCalls.blocking(() -> {
            long begun = state();
            return (begun & 1) == 1 || runtime.watch(MAP).await(id, () -> {
                long now = state();
                return (now & 1) == 1 || now >> 1 != begun >> 1;
            }, unit.toNanos(timeout));
        });
    }

    @Override
    public String toString() {
        return "ProcessEvent[" + (isSet() ? "set" : "clear") + "]";
    }

    private Object writeReplace() {
        return new Handle(runtime.options().asMap(), id);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("an event is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String id;

        Handle(Map<String, String> options, String id) {
            this.options = Map.copyOf(options);
            this.id = id;
        }

        @Override
        protected Object bind() {
            return new ClusterEvent(ClusterRuntime.of(ClusterOptions.of(options)), id);
        }
    }

    /** Sets the flag and counts one more set, unless it is set already. */
    static final class Set implements EntryProcessor<String, Long, Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, Long> entry) {
            long state = entry.getValue() == null ? 0 : entry.getValue();
            if ((state & 1) == 0) {
                entry.setValue(((state >> 1) + 1) << 1 | 1);
            }
            return null;
        }
    }

    /** Clears the flag, keeping the count. */
    static final class Clear implements EntryProcessor<String, Long, Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, Long> entry) {
            if (entry.getValue() != null && (entry.getValue() & 1) == 1) {
                entry.setValue(entry.getValue() & ~1L);
            }
            return null;
        }
    }
}
