package org.multiprocessing4j;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.serial.ObjectCodec;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * The smallest queue shared by processes: Python's {@code multiprocessing.SimpleQueue}. No bound,
 * no size, no timeouts: {@link #put}, {@link #get}, {@link #isEmpty()} and {@link #close()}.
 * It is the same ring of shared memory as a {@link ProcessQueue} with nothing counted, and gives
 * the same guarantees across processes: elements serialized by the putting thread (an
 * unserializable one fails in {@code put}), taken once each, in order per putting thread, nothing
 * buffered in the putting process, a killed process losing at most the element it was moving.
 *
 * @param <E> the type of the elements
 * @see ProcessContext#simpleQueue()
 */
public final class SimpleProcessQueue<E> implements Serializable {

    private static final long serialVersionUID = 1L;

    final transient MessageRing ring;
    private final transient ObjectCodec codec;
    private transient volatile boolean closed;

    SimpleProcessQueue(MessageRing ring, ObjectCodec codec) {
        this.ring = ring;
        this.codec = codec;
    }

    /**
     * Puts {@code e}.
     *
     * @param e the element, {@code null} included
     * @throws UnserializableObjectException if it cannot be serialized
     * @throws IllegalStateException if this process closed the queue
     * @throws InterruptedException if interrupted while waiting for room in the ring
     */
    public void put(E e) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("this process closed the queue");
        }
        ByteBuffer bytes = codec.encode(e);
        ring.write(bytes.array(), bytes.arrayOffset(), bytes.limit(), WaitGate.FOREVER);
    }

    /**
     * Takes the next element, waiting for one.
     *
     * @return the element
     * @throws InterruptedException if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public E get() throws InterruptedException {
        try {
            return (E) codec.decode(ring.read(WaitGate.FOREVER, MessageRing.EndOfData.NEVER));
        } catch (EOFException e) {
            throw new AssertionError("a queue has no end of data", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an element taken from the queue", e);
        }
    }

    /**
     * Whether nothing is in the queue at this moment.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return !ring.hasData();
    }

    /** This process will put no more: later {@code put} calls here throw. */
    public void close() {
        closed = true;
    }

    /** Crosses into another process as a handle to the same ring. */
    private Object writeReplace() {
        return new Handle(ring.handle(), codec);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a queue is deserialized from its handle only");
    }

    private record Handle(MessageRing.Handle ring, ObjectCodec codec) implements Serializable {

        private Object readResolve() {
            return new SimpleProcessQueue<>(MessageRing.attach(ring), Objects.requireNonNull(codec));
        }
    }
}
