package org.multiprocessing4j;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.serial.ObjectCodec;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A queue shared by processes: Python's {@code multiprocessing.Queue}, as a {@link BlockingQueue}.
 * Any number of threads in any number of processes put and take; each element is taken once.
 *
 * <pre>{@code
 * ProcessQueue<List<Object>> q = Multiprocessing.queue();
 * Multiprocessing.process(() -> q.put(List.of("u", 0, "hello"))).start();
 * System.out.println(q.take());   // [u, 0, hello]
 * }</pre>
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>Elements are serialized in the thread that puts them, by the queue's
 *       {@link org.multiprocessing4j.spi.Serializer} ({@code Serializer.standard()} unless one was
 *       given to {@link ProcessContext#queue(int, org.multiprocessing4j.spi.Serializer)}): an element that cannot be serialized
 *       fails in {@code put} or {@code offer} ({@link UnserializableObjectException}, an
 *       {@link IllegalArgumentException}, naming the class), and nothing is queued.</li>
 *   <li>{@code put} returns once the element is in shared memory. There is no feeder thread and
 *       nothing is buffered in the putting process, so a process may exit, or be joined, right
 *       after a {@code put}: Python's "joining processes that use queues" deadlock does not exist,
 *       and Python's {@code join_thread()} and {@code cancel_join_thread()} have nothing to do.</li>
 *   <li>Elements put by one thread are taken in the order they were put. Elements of any size may
 *       be put; one larger than a quarter of the queue's 1 MiB ring is streamed in chunks.</li>
 *   <li>A process killed while it puts loses at most the element it was putting; one killed while
 *       it takes loses the element it was taking. The queue stays usable by the others: its
 *       locks are taken over from a dead holder within about a second.</li>
 *   <li><b>Memory consistency</b>: what a thread does before putting an element happens-before
 *       what a thread, in any process, does after taking that element.</li>
 *   <li>{@link #size()} is approximate: exact while nobody puts or takes, and off by the elements
 *       being put or taken at the moment (or by those a killed process was putting or taking).</li>
 *   <li>A thread blocked in {@code take}, {@code put} or a timed wait uses no processor time.</li>
 * </ul>
 *
 * <h2>What is not supported</h2>
 * Looking inside the queue without taking would need a consistent view across processes that the
 * queue does not keep. {@link #peek()}, {@link #element()}, {@link #iterator()},
 * {@link #contains(Object)}, {@link #remove(Object)}, {@link #toArray()},
 * {@link #removeAll(Collection)} and {@link #retainAll(Collection)} throw
 * {@link UnsupportedOperationException}. {@link #clear()} and {@code drainTo} take elements, as
 * {@link #poll()} does.
 *
 * @param <E> the type of the elements
 * @see ProcessContext#queue()
 */
public class ProcessQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>, Serializable {

    private static final long serialVersionUID = 1L;

    final transient MessageRing ring;
    final transient ObjectCodec codec;
    private transient volatile boolean closed;

    ProcessQueue(MessageRing ring, ObjectCodec codec) {
        this.ring = ring;
        this.codec = codec;
    }

    /**
     * Puts {@code e}, waiting while a bounded queue is full.
     *
     * @throws IllegalStateException if this process closed the queue
     * @throws UnserializableObjectException if {@code e} cannot be serialized
     */
    @Override
    public void put(E e) throws InterruptedException {
        write(encode(e), WaitGate.FOREVER);
    }

    /**
     * Puts {@code e} if a bounded queue has room now; an unbounded queue always has (it may wait
     * a moment for room in its ring while takers catch up).
     *
     * @return whether it was put
     * @throws IllegalStateException if this process closed the queue
     * @throws UnserializableObjectException if {@code e} cannot be serialized
     */
    @Override
    public boolean offer(E e) {
        ByteBuffer bytes = encode(e);
        try {
            return write(bytes, ring.bound() == 0 ? WaitGate.FOREVER : 0);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return write(encode(e), Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public E take() throws InterruptedException {
        return decode(read(WaitGate.FOREVER));
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return decode(read(Math.max(0, unit.toNanos(timeout))));
    }

    @Override
    public E poll() {
        try {
            return decode(read(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Approximate: see the class comment. */
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

    /**
     * Python's {@code close()}: this process will put no more; later {@code put} and
     * {@code offer} calls in this process throw {@link IllegalStateException}. Other processes,
     * and taking, are not affected. Nothing put before is lost.
     */
    public void close() {
        closed = true;
    }

    /** Unsupported across processes. */
    @Override
    public E peek() {
        throw unsupported("peek");
    }

    /** Unsupported across processes. */
    @Override
    public Iterator<E> iterator() {
        throw unsupported("iteration");
    }

    /** Unsupported across processes. */
    @Override
    public boolean contains(Object o) {
        throw unsupported("contains");
    }

    /** Unsupported across processes. */
    @Override
    public boolean remove(Object o) {
        throw unsupported("remove(Object)");
    }

    /** Unsupported across processes. */
    @Override
    public Object[] toArray() {
        throw unsupported("toArray");
    }

    /** Unsupported across processes. */
    @Override
    public <T> T[] toArray(T[] a) {
        throw unsupported("toArray");
    }

    /** Unsupported across processes. */
    @Override
    public boolean removeAll(Collection<?> c) {
        throw unsupported("removeAll");
    }

    /** Unsupported across processes. */
    @Override
    public boolean retainAll(Collection<?> c) {
        throw unsupported("retainAll");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[size=" + size() + (closed ? ", closed" : "") + "]";
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
        return codec.encode(e);
    }

    private byte[] read(long timeoutNanos) throws InterruptedException {
        try {
            return ring.read(timeoutNanos, MessageRing.EndOfData.NEVER);
        } catch (java.io.EOFException e) {
            throw new AssertionError("a queue has no end of data", e);
        }
    }

    @SuppressWarnings("unchecked")
    private E decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return (E) codec.decode(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read an element taken from the queue", e);
        }
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not supported by a queue shared by processes");
    }

    /** Crosses into another process as a handle to the same ring. */
    Object writeReplace() {
        return new Handle(ring.handle(), codec, false);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a queue is deserialized from its handle only");
    }

    record Handle(MessageRing.Handle ring, ObjectCodec codec, boolean joinable) implements Serializable {

        private Object readResolve() {
            MessageRing attached = MessageRing.attach(ring);
            return joinable ? new JoinableProcessQueue<>(attached, codec) : new ProcessQueue<>(attached, codec);
        }
    }
}
