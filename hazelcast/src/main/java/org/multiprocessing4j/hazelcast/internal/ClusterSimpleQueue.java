package org.multiprocessing4j.hazelcast.internal;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.multiprocessing4j.SimpleProcessQueue;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;
import org.multiprocessing4j.spi.Waiter;

/** A simple queue kept by the cluster: an unbounded cluster queue, {@code null} elements included. */
final class ClusterSimpleQueue<E> implements SimpleProcessQueue<E>, QueueWatch.Watched, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient ClusterRuntime runtime;
    private final transient String name;
    private final transient Serializer serializer;
    private transient volatile boolean closed;

    private ClusterSimpleQueue(ClusterRuntime runtime, String name, Serializer serializer) {
        this.runtime = runtime;
        this.name = name;
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    static <E> ClusterSimpleQueue<E> create(ClusterRuntime runtime, Serializer serializer) {
        return new ClusterSimpleQueue<>(runtime, "multiprocessing4j.simplequeue." + UUID.randomUUID(), serializer);
    }

    @Override
    public void put(E element) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("this process closed the queue");
        }
        // pipe ends in an element that is not put are given back
        int mark = InFlightHolds.begin();
        boolean put = false;
        try {
            byte[] bytes = SerializedBytes.of(serializer, element);
            put = runtime.queueWatch().until(name,
                    () -> runtime.partitionCalls().offer(name, bytes) ? true : null, Long.MAX_VALUE) != null;
        } finally {
            InFlightHolds.end(mark, put);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get() throws InterruptedException {
        byte[] bytes = runtime.queueWatch().until(name, () -> runtime.partitionCalls().poll(name),
                Long.MAX_VALUE);
        return (E) SerializedBytes.read(serializer, bytes);
    }

    @Override
    public boolean isEmpty() {
        return ClusterCalls.regardless(() -> runtime.instance().getQueue(name).isEmpty());
    }

    @Override
    public void close() {
        closed = true;
        runtime.queueWatch().unwatch(name);
    }

    @Override
    public boolean isReady() {
        return closed || !isEmpty();
    }

    @Override
    public Waiter waiter() {
        return runtime.queueWatch();
    }

    @Override
    public String watchedQueue() {
        return name;
    }

    private Object writeReplace() {
        return new Handle(runtime.options().asMap(), name, serializer);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a queue is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String name;
        private final Serializer serializer;

        Handle(Map<String, String> options, String name, Serializer serializer) {
            this.options = Map.copyOf(options);
            this.name = name;
            this.serializer = serializer;
        }

        @Override
        protected Object bind() {
            return new ClusterSimpleQueue<>(ClusterRuntime.of(ClusterOptions.of(options)), name, serializer);
        }
    }
}
