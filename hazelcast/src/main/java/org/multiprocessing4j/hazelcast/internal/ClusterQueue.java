package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.QueueConfig;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
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
import org.multiprocessing4j.spi.Waiter;

/**
 * A queue kept by the cluster: an {@link IQueue} of the elements as the queue's serializer wrote
 * them, so that an element fails in the process that puts it, and the cluster never needs its
 * class. A bound is the Hazelcast queue's maximum size, configured on the cluster before first use.
 */
class ClusterQueue<E> extends AbstractQueue<E> implements ProcessQueue<E>, QueueWatch.Watched, Serializable {

    private static final long serialVersionUID = 1L;

    final transient ClusterRuntime runtime;
    final transient String name;
    private final transient int bound;
    private final transient Serializer serializer;
    private transient volatile boolean closed;

    ClusterQueue(ClusterRuntime runtime, String name, int bound, Serializer serializer) {
        this.runtime = runtime;
        this.name = name;
        this.bound = bound;
        this.serializer = serializer;
    }

    static <E> ClusterQueue<E> create(ClusterRuntime runtime, int bound, Serializer serializer) {
        return new ClusterQueue<>(runtime, named(runtime, bound, serializer), bound, serializer);
    }

    /** A new queue's name, its bound configured on the cluster. */
    static String named(ClusterRuntime runtime, int bound, Serializer serializer) {
        if (bound < 0) {
            throw new IllegalArgumentException("a queue's bound is 0 (none) or more: " + bound);
        }
        Objects.requireNonNull(serializer, "serializer");
        String name = "multiprocessing4j.queue." + UUID.randomUUID();
        if (bound > 0) {
            runtime.instance().getConfig().addQueueConfig(new QueueConfig(name).setMaxSize(bound));
        }
        return name;
    }

    /** Called before an element is added; a joinable queue counts it here. */
    void adding() {
    }

    /** Called when an element {@linkplain #adding() about to be added} was not. */
    void notAdded() {
    }

    private IQueue<byte[]> queue() {
        return runtime.instance().getQueue(name);
    }

    private byte[] encode(E element) {
        Objects.requireNonNull(element, "a queue holds no null elements");
        if (closed) {
            throw new IllegalStateException("this process closed the queue");
        }
        return SerializedBytes.of(serializer, element);
    }

    @SuppressWarnings("unchecked")
    private E decode(byte[] bytes) {
        return bytes == null ? null : (E) SerializedBytes.read(serializer, bytes);
    }

    /** How an element's bytes go into the cluster's queue: answers whether they did. */
    private interface Adding {
        boolean add(byte[] bytes) throws InterruptedException;
    }

    private boolean add(E element, Adding adding) throws InterruptedException {
        // pipe ends in an element that is not added are given back
        int mark = InFlightHolds.begin();
        boolean added = false;
        try {
            byte[] bytes = encode(element);
            adding();
            try {
                added = adding.add(bytes);
            } finally {
                if (!added) {
                    notAdded();
                }
            }
            return added;
        } finally {
            InFlightHolds.end(mark, added);
        }
    }

    @Override
    public void put(E element) throws InterruptedException {
        add(element, bytes -> runtime.queueWatch().until(name, () -> runtime.partitionCalls().offer(name, bytes) ? true : null,
                Long.MAX_VALUE) != null);
    }

    @Override
    public boolean offer(E element) {
        try {
            return add(element, bytes -> runtime.partitionCalls().offer(name, bytes));
        } catch (InterruptedException e) {
            throw new AssertionError("an offer that does not wait was interrupted", e);
        }
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        return add(element, bytes -> runtime.queueWatch().until(name, () -> runtime.partitionCalls().offer(name, bytes) ? true : null,
                Math.max(0, unit.toNanos(timeout))) != null);
    }

    @Override
    public E take() throws InterruptedException {
        return decode(runtime.queueWatch().until(name, () -> runtime.partitionCalls().poll(name), Long.MAX_VALUE));
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return decode(runtime.queueWatch().until(name, () -> runtime.partitionCalls().poll(name), Math.max(0, unit.toNanos(timeout))));
    }

    @Override
    public E poll() {
        return decode(runtime.partitionCalls().poll(name));
    }

    /** A look: a pipe end in the element comes as a closed copy, see {@link #iterator()}. */
    @Override
    public E peek() {
        byte[] bytes = ClusterCalls.regardless(() -> queue().peek());
        InFlightHolds.startLooking();
        try {
            return decode(bytes);
        } finally {
            InFlightHolds.stopLooking();
        }
    }

    @Override
    public int size() {
        return ClusterCalls.regardless(() -> queue().size());
    }

    @Override
    public boolean isEmpty() {
        return ClusterCalls.regardless(() -> queue().isEmpty());
    }

    @Override
    public int remainingCapacity() {
        return bound == 0 ? Integer.MAX_VALUE : ClusterCalls.regardless(() -> queue().remainingCapacity());
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
        // a look only: pipe ends in it come as closed copies, the element taken is the end itself
        InFlightHolds.startLooking();
        try {
            for (byte[] bytes : ClusterCalls.regardless(() -> List.copyOf(queue()))) {
                snapshot.add(decode(bytes));
            }
        } finally {
            InFlightHolds.stopLooking();
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

    Object writeReplace() {
        return new Handle(runtime.options().asMap(), name, bound, serializer, this instanceof ClusterJoinableQueue);
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
        private final boolean joinable;

        Handle(Map<String, String> options, String name, int bound, Serializer serializer, boolean joinable) {
            this.options = Map.copyOf(options);
            this.name = name;
            this.bound = bound;
            this.serializer = serializer;
            this.joinable = joinable;
        }

        @Override
        protected Object bind() {
            ClusterRuntime runtime = ClusterRuntime.of(ClusterOptions.of(options));
            return joinable ? new ClusterJoinableQueue<>(runtime, name, bound, serializer)
                    : new ClusterQueue<>(runtime, name, bound, serializer);
        }
    }
}
