package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.multiprocessing4j.SimpleProcessQueue;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.channel.SentEnds;
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

    private LocalSimpleQueue(MessageRing ring, BufferedSerializer serializer) {
        this.ring = ring;
        this.serializer = serializer;
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
        return new LocalSimpleQueue<>(MessageRing.create(shm, MessageRing.DEFAULT_CAPACITY, 0),
                BufferedSerializer.of(serializer));
    }

    @Override
    public void put(E e) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("this process closed the queue");
        }
        SentEnds sent = SentEnds.collect();
        boolean put = false;
        try {
            ByteBuffer bytes = serializer.encode(e);
            put = ring.write(bytes.array(), bytes.arrayOffset(), bytes.limit(), WaitGate.FOREVER);
        } finally {
            sent.stop();
            if (!put) {
                sent.giveBack();
            }
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

    /** Crosses into another process as a handle to the same ring. */
    private Object writeReplace() {
        return new Handle(ring.handle(), serializer);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a queue is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final MessageRing.Handle ring;
        private final BufferedSerializer serializer;

        Handle(MessageRing.Handle ring, BufferedSerializer serializer) {
            this.ring = ring;
            this.serializer = serializer;
        }

        @Override
        protected Object bind() {
            return new LocalSimpleQueue<>(MessageRing.attach(ring), serializer);
        }
    }
}
