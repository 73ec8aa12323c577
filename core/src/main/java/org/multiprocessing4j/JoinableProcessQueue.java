package org.multiprocessing4j;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.serial.ObjectCodec;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A {@link ProcessQueue} that counts the elements put and not yet marked done: Python's
 * {@code multiprocessing.JoinableQueue}. Consumers call {@link #taskDone()} once for each element
 * they took, when they have finished with it; {@link #join()} waits until every element ever put
 * has been.
 *
 * <h2>Across processes</h2>
 * The count is in shared memory: a {@code put} in any process counts one more, before the element
 * can be taken; a {@code taskDone} in any process counts one less. {@code join} returns, in every
 * process waiting in it, as soon as the count reaches zero. Elements a killed consumer took and
 * never marked done keep {@code join} waiting, as in Python: use the timed {@link #join(Duration)}
 * where consumers may die. What a thread does before {@code taskDone} happens-before what a thread
 * does after the {@code join} it ended.
 *
 * @param <E> the type of the elements
 * @see ProcessContext#joinableQueue()
 */
public final class JoinableProcessQueue<E> extends ProcessQueue<E> {

    private static final long serialVersionUID = 1L;

    JoinableProcessQueue(MessageRing ring, ObjectCodec codec) {
        super(ring, codec);
    }

    /**
     * Marks one element taken from the queue as done.
     *
     * @throws IllegalStateException if called more times than elements were put
     */
    public void taskDone() {
        ring.addUnfinished(-1);
    }

    /**
     * Waits until every element put has been marked done.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        ring.awaitAllDone(WaitGate.FOREVER);
    }

    /**
     * Waits at most {@code timeout} until every element put has been marked done.
     *
     * @param timeout the longest wait
     * @return whether all were; {@code false} if time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return ring.awaitAllDone(Math.max(0, timeout.toNanos()));
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
        return new Handle(ring.handle(), codec, true);
    }
}
