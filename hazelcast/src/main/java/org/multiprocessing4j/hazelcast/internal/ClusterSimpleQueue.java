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

/** A simple queue kept by the cluster: an unbounded cluster queue, {@code null} elements included. */
final class ClusterSimpleQueue<E> implements SimpleProcessQueue<E>, Serializable {

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
        byte[] bytes = SerializedBytes.of(serializer, element);
        ClusterQueue.blocking(() -> {
            runtime.instance().<byte[]>getQueue(name).put(bytes);
            return null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get() throws InterruptedException {
        byte[] bytes = ClusterQueue.blocking(() -> runtime.instance().<byte[]>getQueue(name).take());
        return (E) SerializedBytes.read(serializer, bytes);
    }

    @Override
    public boolean isEmpty() {
        return runtime.instance().getQueue(name).isEmpty();
    }

    @Override
    public void close() {
        closed = true;
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
