package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.QueueConfig;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * A queue kept by the cluster: an {@link IQueue} of the elements as the queue's serializer wrote
 * them, so that an element fails in the process that puts it, and the cluster never needs its
 * class. A bound is the Hazelcast queue's maximum size, configured on the cluster before first use.
 */
final class ClusterQueue<E> extends AbstractQueue<E> implements ProcessQueue<E>, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient ClusterRuntime runtime;
    private final transient String name;
    private final transient int bound;
    private final transient Serializer serializer;
    private transient volatile boolean closed;

    private ClusterQueue(ClusterRuntime runtime, String name, int bound, Serializer serializer) {
        this.runtime = runtime;
        this.name = name;
        this.bound = bound;
        this.serializer = serializer;
    }

    static <E> ClusterQueue<E> create(ClusterRuntime runtime, int bound, Serializer serializer) {
        if (bound < 0) {
            throw new IllegalArgumentException("a queue's bound is 0 (none) or more: " + bound);
        }
        Objects.requireNonNull(serializer, "serializer");
        String name = "multiprocessing4j.queue." + UUID.randomUUID();
        if (bound > 0) {
            runtime.instance().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(bound));
        }
        return new ClusterQueue<>(runtime, name, bound, serializer);
    }

    private IQueue<byte[]> queue() {
        return runtime.instance().getQueue(name);
    }

    private byte[] encode(E element) {
        Objects.requireNonNull(element, "a queue holds no null elements");
        if (closed) {
            throw new IllegalStateException("this process closed the queue");
        }
        ByteBuffer buffer = serializer.serialize(element, ByteBuffer.allocate(256));
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private E decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return (E) serializer.deserialize(ByteBuffer.wrap(bytes));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("an element of the queue cannot be read: " + e, e);
        }
    }

    @Override
    public void put(E element) throws InterruptedException {
        queue().put(encode(element));
    }

    @Override
    public boolean offer(E element) {
        return queue().offer(encode(element));
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        return queue().offer(encode(element), timeout, unit);
    }

    @Override
    public E take() throws InterruptedException {
        return decode(queue().take());
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return decode(queue().poll(timeout, unit));
    }

    @Override
    public E poll() {
        return decode(queue().poll());
    }

    @Override
    public E peek() {
        return decode(queue().peek());
    }

    @Override
    public int size() {
        return queue().size();
    }

    @Override
    public boolean isEmpty() {
        return queue().isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return bound == 0 ? Integer.MAX_VALUE : queue().remainingCapacity();
    }

    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> target, int most) {
        Objects.requireNonNull(target, "target");
        if (target == this) {
            throw new IllegalArgumentException("a queue cannot be drained into itself");
        }
        int drained = 0;
        for (E element; drained < most && (element = poll()) != null; drained++) {
            target.add(element);
        }
        return drained;
    }

    /** A snapshot of the elements, oldest first; its {@code remove} is not supported. */
    @Override
    public Iterator<E> iterator() {
        List<E> snapshot = new ArrayList<>();
        for (byte[] bytes : queue()) {
            snapshot.add(decode(bytes));
        }
        return Collections.unmodifiableList(snapshot).iterator();
    }

    @Override
    public boolean remove(Object element) {
        throw cannotRemove();
    }

    @Override
    public boolean removeAll(Collection<?> elements) {
        throw cannotRemove();
    }

    @Override
    public boolean retainAll(Collection<?> elements) {
        throw cannotRemove();
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw cannotRemove();
    }

    private static UnsupportedOperationException cannotRemove() {
        return new UnsupportedOperationException("a process queue's elements are taken in order; "
                + "to drop elements, take them");
    }

    @Override
    public void close() {
        closed = true;
    }

    private Object writeReplace() {
        return new Handle(runtime.options().asMap(), name, bound, serializer);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a queue is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String name;
        private final int bound;
        private final Serializer serializer;

        Handle(Map<String, String> options, String name, int bound, Serializer serializer) {
            this.options = Map.copyOf(options);
            this.name = name;
            this.bound = bound;
            this.serializer = serializer;
        }

        @Override
        protected Object bind() {
            return new ClusterQueue<>(ClusterRuntime.of(ClusterOptions.of(options)), name, bound, serializer);
        }
    }
}
