package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.multiprocessing4j.SimpleProcessQueue;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.channel.RingHolders;
import org.multiprocessing4j.internal.shm.SentEnds;
import org.multiprocessing4j.internal.serial.BufferedSerializer;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link SimpleProcessQueue}: the same ring of shared memory as a
 * {@link LocalQueue}, with nothing counted.
 *
 * @param <E> the type of the elements
 */
public final class LocalSimpleQueue<E> implements SimpleProcessQueue<E>, RingBacked, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient MessageRing ring;
    private final transient BufferedSerializer serializer;
    private transient volatile boolean closed;

    /** A copy of the queue, which holds its ring until it is collected. */
    private LocalSimpleQueue(MessageRing ring, RingHolders.Hold use, BufferedSerializer serializer) {
        this.ring = ring;
        this.serializer = serializer;
        RingHolders.releaseWhenUnreachable(this, use, null);
    }

    /**
     * A new, empty simple queue.
     *
     * @param shm where its ring is made
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return the queue
     */
    public static <E> LocalSimpleQueue<E> create(SegmentDirectory shm, Serializer serializer) {
        MessageRing ring = MessageRing.create(shm, MessageRing.DEFAULT_CAPACITY, 0);
        return new LocalSimpleQueue<>(ring, ring.holdUse(), BufferedSerializer.of(serializer));
    }

    @Override
    public void put(E e) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("this process closed the queue");
        }
        int mark = SentEnds.begin();
        boolean put = false;
        try {
            ByteBuffer bytes = serializer.encode(e);
            put = ring.write(bytes.array(), bytes.arrayOffset(), bytes.limit(), WaitGate.FOREVER);
        } finally {
            SentEnds.end(mark, put);
        }
    }

    @Override
    public E get() throws InterruptedException {
        return LocalQueue.take(ring, serializer, WaitGate.FOREVER);
    }

    @Override
    public boolean isEmpty() {
        return !ring.hasData();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isReady() {
        return !isEmpty();
    }

    @Override
    public MessageRing readRing() {
        return ring;
    }

    @Override
    public String toString() {
        return "SimpleProcessQueue[" + (isEmpty() ? "empty" : "not empty") + (closed ? ", closed" : "") + "]";
    }

    /** Crosses into another process as a handle to the same ring, held in flight until it is there. */
    private Object writeReplace() {
        return new Handle(ring.handle(), ring.sendUse(), serializer);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a queue is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final MessageRing.Handle ring;
        private final RingHolders.InFlight flight;
        private final BufferedSerializer serializer;

        Handle(MessageRing.Handle ring, RingHolders.InFlight flight, BufferedSerializer serializer) {
            this.ring = ring;
            this.flight = flight;
            this.serializer = serializer;
        }

        @Override
        protected Object bind() {
            MessageRing attached = MessageRing.attach(ring);
            return new LocalSimpleQueue<>(attached, attached.receiveUse(flight), serializer);
        }
    }
}
