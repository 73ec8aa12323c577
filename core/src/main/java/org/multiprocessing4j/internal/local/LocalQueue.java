package org.multiprocessing4j.internal.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.channel.RingHolders;
import org.multiprocessing4j.internal.shm.SentEnds;
import org.multiprocessing4j.internal.serial.BufferedSerializer;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link ProcessQueue}: a {@link MessageRing} of 1 MiB in shared memory,
 * with each side's lock taken over from a holder that died within about a second, and elements
 * larger than a quarter of the ring streamed through it in chunks. A thread blocked in it sleeps
 * on a futex; a thread dump shows it {@code RUNNABLE}, in native code.
 *
 * @param <E> the type of the elements
 */
public sealed class LocalQueue<E> extends AbstractQueue<E> implements ProcessQueue<E>, RingBacked, Serializable
        permits LocalJoinableQueue {

    private static final long serialVersionUID = 1L;

    final transient MessageRing ring;
    final transient BufferedSerializer serializer;
    private transient volatile boolean closed;

    /** A copy of the queue, which holds its ring until it is collected. */
    LocalQueue(MessageRing ring, RingHolders.Hold use, BufferedSerializer serializer) {
        this.ring = ring;
        this.serializer = serializer;
        RingHolders.releaseWhenUnreachable(this, use, null);
    }

    /**
     * A new, empty queue.
     *
     * @param shm where its ring is made
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return the queue
     * @throws IllegalArgumentException if {@code bound} is negative
     */
    public static <E> LocalQueue<E> create(SegmentDirectory shm, int bound, Serializer serializer) {
        MessageRing ring = newRing(shm, bound);
        return new LocalQueue<>(ring, ring.holdUse(), BufferedSerializer.of(serializer));
    }

    static MessageRing newRing(SegmentDirectory shm, int bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("a queue's bound must be 0 (none) or positive: " + bound);
        }
        return MessageRing.create(shm, MessageRing.DEFAULT_CAPACITY, bound);
    }

    @Override
    public void put(E e) throws InterruptedException {
        put(e, WaitGate.FOREVER);
    }

    @Override
    public boolean offer(E e) {
        try {
            return put(e, ring.bound() == 0 ? WaitGate.FOREVER : 0);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return put(e, Math.max(0, unit.toNanos(timeout)));
    }

    /** Puts {@code e}; pipe ends in it that do not go in are given back (see {@link SentEnds}). */
    private boolean put(E e, long timeoutNanos) throws InterruptedException {
        int mark = SentEnds.begin();
        boolean put = false;
        try {
            put = write(encode(e), timeoutNanos);
            return put;
        } finally {
            SentEnds.end(mark, put);
        }
    }

    @Override
    public E take() throws InterruptedException {
        return take(ring, serializer, WaitGate.FOREVER);
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return take(ring, serializer, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public E poll() {
        try {
            return take(ring, serializer, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public int size() {
        return ring.count();
    }

    @Override
    public boolean isEmpty() {
        return !ring.hasData();
    }

    @Override
    public int remainingCapacity() {
        int bound = ring.bound();
        return bound == 0 ? Integer.MAX_VALUE : Math.max(0, bound - ring.count());
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c, "c");
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        int drained = 0;
        E e;
        while (drained < maxElements && (e = poll()) != null) {
            c.add(e);
            drained++;
        }
        return drained;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public E peek() {
        List<byte[]> first = ring.snapshot(1);
        return first.isEmpty() ? null : decodeForALook(first.get(0));
    }

    /** A snapshot: see {@link ProcessQueue}; its {@code remove} is unsupported. */
    @Override
    public Iterator<E> iterator() {
        List<E> elements = new ArrayList<>();
        for (byte[] message : ring.snapshot(Integer.MAX_VALUE)) {
            elements.add(decodeForALook(message));
        }
        return Collections.unmodifiableList(elements).iterator();
    }

    @Override
    public boolean remove(Object o) {
        throw unsupported("remove(Object)");
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw unsupported("removeAll");
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw unsupported("retainAll");
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw unsupported("removeIf");
    }

    @Override
    public boolean isReady() {
        return !isEmpty();
    }

    @Override
    public MessageRing readRing() {
        return ring;
    }

    /** Writes an element's bytes; the hook where a joinable queue counts it. */
    boolean write(ByteBuffer bytes, long timeoutNanos) throws InterruptedException {
        return ring.write(bytes.array(), bytes.arrayOffset(), bytes.limit(), timeoutNanos);
    }

    private ByteBuffer encode(E e) {
        Objects.requireNonNull(e, "a queue holds no null elements");
        if (closed) {
            throw new IllegalStateException("this process closed the queue");
        }
        return serializer.encode(e);
    }

    /**
     * Takes the next element's bytes from a queue's ring and reads them.
     *
     * @return the element, or {@code null} if time ran out
     */
    static <E> E take(MessageRing ring, BufferedSerializer serializer, long timeoutNanos)
            throws InterruptedException {
        byte[] bytes;
        try {
            bytes = ring.read(timeoutNanos, MessageRing.EndOfData.NEVER);
        } catch (EOFException e) {
            throw new AssertionError("a queue has no end of data", e);
        }
        return bytes == null ? null : decode(serializer, bytes);
    }

    @SuppressWarnings("unchecked")
    private E decodeForALook(byte[] bytes) {
        try {
            return (E) LocalPipeEnd.decodeForALook(serializer, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an element of the queue", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> E decode(BufferedSerializer serializer, byte[] bytes) {
        try {
            return (E) serializer.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an element of the queue", e);
        }
    }

    static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not supported by a queue shared by processes: every"
                + " process takes its elements in order from one ring, where a hole cannot be made");
    }

    /** Crosses into another process as a handle to the same ring, held in flight until it is there. */
    Object writeReplace() {
        return new Handle(ring.handle(), ring.sendUse(), serializer, false);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a queue is deserialized from its handle only");
    }

    /** What a local queue, joinable or not, is in another process. */
    static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final MessageRing.Handle ring;
        private final RingHolders.InFlight flight;
        private final BufferedSerializer serializer;
        private final boolean joinable;

        Handle(MessageRing.Handle ring, RingHolders.InFlight flight, BufferedSerializer serializer, boolean joinable) {
            this.ring = ring;
            this.flight = flight;
            this.serializer = serializer;
            this.joinable = joinable;
        }

        @Override
        protected Object bind() {
            MessageRing attached = MessageRing.attach(ring);
            RingHolders.Hold use = attached.receiveUse(flight);
            return joinable ? new LocalJoinableQueue<>(attached, use, serializer)
                    : new LocalQueue<>(attached, use, serializer);
        }
    }
}
