package org.multiprocessing4j.internal.channel;

import static org.multiprocessing4j.internal.channel.RingLayout.ABORT;
import static org.multiprocessing4j.internal.channel.RingLayout.FIRST;
import static org.multiprocessing4j.internal.channel.RingLayout.HEAD;
import static org.multiprocessing4j.internal.channel.RingLayout.LAST;
import static org.multiprocessing4j.internal.channel.RingLayout.RECORD_HEADER;
import static org.multiprocessing4j.internal.channel.RingLayout.TAIL;
import static org.multiprocessing4j.internal.channel.RingLayout.WRITING;
import static org.multiprocessing4j.internal.channel.RingLayout.WRITTEN;
import static org.multiprocessing4j.internal.channel.RingLayout.recordSize;

import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.RingSegment;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * How a {@link MessageRing}'s writers put a message in: under the writer lock, as one record or
 * as a chain of chunks (first, middle, last), each copied in and then published with a volatile
 * store of {@code tail}, so that a reader copies the first chunks out while the next ones are
 * copied in.
 *
 * <p>{@code writing} is set between the first chunk of a message and its last. A writer that
 * takes the lock and finds it set knows that the last holder died mid-message: it writes an
 * {@code ABORT} record, and readers drop the part they had.
 */
final class RingWriter {

    private final MessageRing ring;
    private final RingSegment data;
    private final Cell readSide;
    private final Cell writeSide;
    private final int largestChunk;
    /** The last {@code head} this process's writers saw; behind the real one, never ahead. */
    private long knownHead;

    RingWriter(MessageRing ring) {
        this.ring = ring;
        this.data = ring.data;
        this.readSide = ring.readSide;
        this.writeSide = ring.writeSide;
        this.largestChunk = data.capacity() / 4 - RECORD_HEADER;
    }

    /** {@link MessageRing#write}. */
    boolean write(byte[] bytes, int offset, int length, long timeoutNanos) throws InterruptedException {
        long deadline = MessageRing.deadline(timeoutNanos);
        if (!ring.writers.tryLock(timeoutNanos)) {
            return false;
        }
        try {
            if (writeSide.getIntVolatile(WRITING) != 0) {
                abandonPartialMessage();
            }
            int bound = ring.bound();
            if (bound > 0 && ring.count() >= bound && !ring.notFull.await(
                    new PredicateAttempt(() -> ring.count() < bound), MessageRing.remaining(timeoutNanos, deadline), true)) {
                return false;
            }
            int first = Math.min(length, largestChunk);
            if (!awaitRoom(first, MessageRing.remaining(timeoutNanos, deadline))) {
                return false;
            }
            int flags = first == length ? FIRST | LAST : FIRST;
            if (flags == FIRST) {
                writeSide.putIntVolatile(WRITING, 1);
            }
            commit(bytes, offset, first, flags, length);
            for (int done = first; done < length;) {
                int chunk = Math.min(length - done, largestChunk);
                if (!awaitRoomUninterruptibly(chunk)) {
                    return false;
                }
                commit(bytes, offset + done, chunk, done + chunk == length ? LAST : 0, length);
                done += chunk;
            }
            if (flags == FIRST) {
                writeSide.putIntVolatile(WRITING, 0);
            }
            // only writers, one at a time under their lock, change it: no atomic update needed; and
            // no reader waits for it, so it needs no fence before the wake
            writeSide.putIntRelease(WRITTEN, writeSide.getInt(WRITTEN) + 1);
            ring.notEmpty.wake(Integer.MAX_VALUE);
            return true;
        } finally {
            ring.writers.unlock();
        }
    }

    /** Called holding the writer lock, whose last holder died mid-message. */
    void abandonPartialMessage() {
        if (awaitRoomUninterruptibly(0)) {
            commit(new byte[0], 0, 0, ABORT, 0);
        }
        writeSide.putIntVolatile(WRITING, 0);
        ring.notEmpty.wake(Integer.MAX_VALUE);
    }

    /** Returns false if time ran out, or if every holder of the reading end gave it up or died. */
    private boolean awaitRoom(int chunk, long timeoutNanos) throws InterruptedException {
        // the common case, room at once, without the gate's counting of waiters
        return hasRoom(chunk) || ring.notFull.await(room(chunk), timeoutNanos, true) && !ring.holders.reading.knownGone();
    }

    /**
     * Once a message is begun it is finished: an interrupt is kept for later. Returns false if
     * every holder of the reading end gave it up or died meanwhile: nobody will make room.
     */
    private boolean awaitRoomUninterruptibly(int chunk) {
        try {
            return hasRoom(chunk)
                    || ring.notFull.await(room(chunk), WaitGate.FOREVER, false) && !ring.holders.reading.knownGone();
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /** Called holding the writer lock; looks at the readers' {@code head} only when it must. */
    private boolean hasRoom(int chunk) {
        long tail = writeSide.getLong(TAIL);
        long needed = recordSize(chunk);
        if (data.capacity() - (tail - knownHead) >= needed) {
            return true;
        }
        knownHead = readSide.getLongVolatile(HEAD);
        return data.capacity() - (tail - knownHead) >= needed;
    }

    /** Room for a chunk, or readers that will never make it: gone, or (looked for before each sleep) dead. */
    private PredicateAttempt room(int chunk) {
        long tail = writeSide.getLong(TAIL);
        long needed = recordSize(chunk);
        RingHolders.End readers = ring.holders.reading;
        return new PredicateAttempt(
                () -> data.capacity() - (tail - readSide.getLongVolatile(HEAD)) >= needed || readers.knownGone(),
                readers::gone);
    }

    private void commit(byte[] bytes, int offset, int length, int flags, int messageLength) {
        long tail = writeSide.getLong(TAIL);
        data.putInt(tail, length);
        data.putInt(tail + 4, flags);
        data.putLong(tail + 8, messageLength);
        data.write(tail + RECORD_HEADER, bytes, offset, length);
        // volatile, not release: the wake that follows must not read the gate before this store is seen
        writeSide.putLongVolatile(TAIL, tail + recordSize(length));
        if ((flags & LAST) == 0) {
            // a reader may be waiting for this chunk mid-message
            ring.notEmpty.wake(Integer.MAX_VALUE);
        }
    }
}
