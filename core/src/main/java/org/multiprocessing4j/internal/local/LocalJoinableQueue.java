package org.multiprocessing4j.internal.local;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.channel.RingHolders;
import org.multiprocessing4j.internal.serial.BufferedSerializer;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.spi.Serializer;

/**
 * The local backend's {@link JoinableProcessQueue}: a {@link LocalQueue} whose ring also counts,
 * in shared memory, the elements put and not yet marked done.
 *
 * @param <E> the type of the elements
 */
public final class LocalJoinableQueue<E> extends LocalQueue<E> implements JoinableProcessQueue<E> {

    private static final long serialVersionUID = 1L;

    LocalJoinableQueue(MessageRing ring, RingHolders.Hold use, BufferedSerializer serializer) {
        super(ring, use, serializer);
    }

    /**
     * A new, empty joinable queue.
     *
     * @param shm where its ring is made
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return the queue
     * @throws IllegalArgumentException if {@code bound} is negative
     */
    public static <E> LocalJoinableQueue<E> create(SegmentDirectory shm, int bound, Serializer serializer) {
        MessageRing ring = newRing(shm, bound);
        return new LocalJoinableQueue<>(ring, ring.holdUse(), BufferedSerializer.of(serializer));
    }

    @Override
    public void taskDone() {
        ring.addUnfinished(-1);
    }

    @Override
    public void join() throws InterruptedException {
        ring.awaitAllDone(WaitGate.FOREVER);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return ring.awaitAllDone(Math.max(0, TimeUnit.NANOSECONDS.convert(timeout)));
    }

    @Override
    boolean write(ByteBuffer bytes, long timeoutNanos) throws InterruptedException {
        // counted first, so that a consumer's taskDone never finds the count below zero
        ring.addUnfinished(1);
        boolean written = false;
        try {
            written = super.write(bytes, timeoutNanos);
            return written;
        } finally {
            if (!written) {
                ring.addUnfinished(-1);
            }
        }
    }

    @Override
    Object writeReplace() {
        return new Handle(ring.handle(), ring.sendUse(), serializer, true);
    }
}
