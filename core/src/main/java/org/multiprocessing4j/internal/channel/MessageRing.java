package org.multiprocessing4j.internal.channel;

import static org.multiprocessing4j.internal.channel.RingLayout.ABORT;
import static org.multiprocessing4j.internal.channel.RingLayout.COUNT;
import static org.multiprocessing4j.internal.channel.RingLayout.FIRST;
import static org.multiprocessing4j.internal.channel.RingLayout.HEAD;
import static org.multiprocessing4j.internal.channel.RingLayout.LAST;
import static org.multiprocessing4j.internal.channel.RingLayout.READING;
import static org.multiprocessing4j.internal.channel.RingLayout.RECORD_HEADER;
import static org.multiprocessing4j.internal.channel.RingLayout.TAIL;
import static org.multiprocessing4j.internal.channel.RingLayout.WRITING;
import static org.multiprocessing4j.internal.channel.RingLayout.recordSize;

import java.io.EOFException;
import java.io.Serializable;
import java.util.function.BooleanSupplier;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.RingSegment;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.sync.Owners;
import org.multiprocessing4j.internal.sync.RobustMutex;

/**
 * Messages of any size through a ring of bytes in shared memory, from any number of writers to
 * any number of readers in any processes: the engine of pipes and queues.
 *
 * <p>Implementation note. Writers take a writer lock for a whole message and readers a reader
 * lock, so each side is one writer and one reader at a time, and the ring itself only needs a
 * single-producer single-consumer protocol: a writer copies a record in, then publishes it with
 * a volatile store of {@code tail}; a reader copies it out, then frees it with a volatile store of
 * {@code head}. Volatile rather than release, since each is followed by a look at the other side's
 * wait gate, which must not be read before the store is visible ({@link WaitGate}'s contract). A message larger than a quarter of the ring goes in chunks, each committed on its
 * own, so a reader copies the first chunks out while the writer copies the next ones in.
 *
 * <p>Deaths. Both locks are {@link RobustMutex}es, taken over from a process that died holding
 * them. A writer that died after the first chunk of a message and before the last left
 * {@code writing} set: the next writer, or a reader waiting for the rest that finds the writer
 * lock free, writes or acts on an {@code ABORT} record, and readers drop the partial message.
 * Nothing another writer wrote is touched: its messages are whole records before or after. A
 * reader that died mid-message left {@code reading} set: the next reader skips the rest of that
 * message, which is lost with the reader that took it.
 *
 * <p>What the ring does when a waiting reader finds it empty (an end of file for a pipe, just
 * waiting for a queue) is the caller's {@link EndOfData}.
 */
public final class MessageRing {

    /** A pipe's end of data: its writing end was closed or the process holding it exited. */
    public static final EndOfData WRITER_GONE = MessageRing::writerGone;

    private static final long RECHECK_MILLIS = 100;

    /** Pipes and queues use rings of this many bytes unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    /** How a waiting reader learns that no more data will ever come. */
    public interface EndOfData {

        /** Never: the reader waits until data comes or time runs out. */
        EndOfData NEVER = ring -> false;

        /**
         * Whether the writers are gone; called while the ring looks empty, now and then.
         *
         * @param ring the ring
         * @return whether nothing more will be written
         */
        boolean reached(MessageRing ring);
    }

    /**
     * What names a ring in every process.
     *
     * @param segment the ring segment's file
     * @param writers the writer lock's cell
     * @param readers the reader lock's cell
     */
    public record Handle(String segment, CellHandle writers, CellHandle readers) implements Serializable {
    }

    private final RingSegment data;
    final Cell readSide;
    final Cell writeSide;
    private final RobustMutex writers;
    private final RobustMutex readers;
    private final WaitGate notEmpty;
    private final WaitGate notFull;
    private final WaitGate allDone;
    private final int largestChunk;
    // the last liveness check of the writer; racy on purpose: a lost update costs one more check
    private long checkedAt = System.nanoTime() - RECHECK_MILLIS * 1_000_000;

    private MessageRing(RingSegment data, RobustMutex writers, RobustMutex readers) {
        this.data = data;
        this.readSide = data.control(0);
        this.writeSide = data.control(1);
        this.writers = writers;
        this.readers = readers;
        this.notEmpty = new WaitGate(readSide, RingLayout.NOT_EMPTY, WaitGate.Policy.BROADCAST);
        this.notFull = new WaitGate(writeSide, RingLayout.NOT_FULL, WaitGate.Policy.BROADCAST);
        this.allDone = new WaitGate(readSide, RingLayout.ALL_DONE, WaitGate.Policy.BROADCAST);
        this.largestChunk = data.capacity() / 4 - RECORD_HEADER;
    }

    /**
     * A new, empty ring of this process.
     *
     * @param capacity its data bytes, a power of two
     * @param bound the most messages it may hold, 0 for no bound
     * @return the ring
     */
    public static MessageRing create(int capacity, int bound) {
        MessageRing ring = new MessageRing(RingSegment.create(capacity), RobustMutex.create(false),
                RobustMutex.create(false));
        ring.writeSide.putIntVolatile(RingLayout.BOUND, bound);
        return ring;
    }

    /**
     * The ring named by {@code handle}, mapped into this process.
     *
     * @param handle what names the ring
     * @return the ring
     */
    public static MessageRing attach(Handle handle) {
        return new MessageRing(RingSegment.attach(handle.segment()), RobustMutex.attach(handle.writers(), false),
                RobustMutex.attach(handle.readers(), false));
    }

    public Handle handle() {
        return new Handle(data.path(), writers.handle(), readers.handle());
    }

    /** The whole messages in the ring: exact when nobody is writing or reading. */
    public int count() {
        return Math.max(0, writeSide.getIntVolatile(COUNT));
    }

    /** The most messages the ring holds, 0 for no bound. */
    public int bound() {
        return writeSide.getIntVolatile(RingLayout.BOUND);
    }

    /** Whether some bytes are committed and not yet read. */
    public boolean hasData() {
        return writeSide.getLongVolatile(TAIL) != readSide.getLongVolatile(HEAD);
    }

    /**
     * The gate woken when a message (or a chunk of one) is committed, or the writing end closed:
     * for a thread that waits on this ring among others.
     */
    public WaitGate dataGate() {
        return notEmpty;
    }

    /**
     * Writes one message.
     *
     * @param bytes the message's bytes
     * @param offset where they start
     * @param length how many
     * @param timeoutNanos how long to wait for the lock and room for the message to begin, or
     *     {@link WaitGate#FOREVER}; once begun, a message is written whole
     * @return whether it was written; {@code false} if time ran out first, or the reading end
     *     was {@linkplain #closeReading() closed} while the writer waited for room
     * @throws InterruptedException if interrupted before the message was begun
     */
    public boolean write(byte[] bytes, int offset, int length, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        if (!writers.tryLock(timeoutNanos)) {
            return false;
        }
        try {
            if (writeSide.getIntVolatile(WRITING) != 0) {
                abandonPartialMessage();
            }
            int bound = bound();
            if (bound > 0 && count() >= bound
                    && !notFull.await(new Attempt(() -> count() < bound), remaining(timeoutNanos, deadline), true)) {
                return false;
            }
            int first = Math.min(length, largestChunk);
            if (!awaitRoom(first, remaining(timeoutNanos, deadline))) {
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
            writeSide.getAndAddInt(COUNT, 1);
            notEmpty.wake(Integer.MAX_VALUE);
            return true;
        } finally {
            writers.unlock();
        }
    }

    private static long remaining(long timeoutNanos, long deadline) {
        return timeoutNanos == WaitGate.FOREVER ? WaitGate.FOREVER : Math.max(0, deadline - System.nanoTime());
    }

    /** Called holding the writer lock, whose last holder died mid-message. */
    private void abandonPartialMessage() {
        if (awaitRoomUninterruptibly(0)) {
            commit(new byte[0], 0, 0, ABORT, 0);
        }
        writeSide.putIntVolatile(WRITING, 0);
        notEmpty.wake(Integer.MAX_VALUE);
    }

    private boolean awaitRoom(int chunk, long timeoutNanos) throws InterruptedException {
        // the common case, room at once, without the gate's counting of waiters
        return hasRoom(chunk) || notFull.await(room(chunk), timeoutNanos, true) && !isReadingClosed();
    }

    /**
     * Once a message is begun it is finished: an interrupt is kept for later. Returns false if
     * the reading end was closed meanwhile: nobody will make room.
     */
    private boolean awaitRoomUninterruptibly(int chunk) {
        try {
            return hasRoom(chunk) || notFull.await(room(chunk), WaitGate.FOREVER, false) && !isReadingClosed();
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    private boolean hasRoom(int chunk) {
        return data.capacity() - (writeSide.getLong(TAIL) - readSide.getLongVolatile(HEAD)) >= recordSize(chunk);
    }

    private Attempt room(int chunk) {
        long tail = writeSide.getLong(TAIL);
        long needed = recordSize(chunk);
        return new Attempt(() -> data.capacity() - (tail - readSide.getLongVolatile(HEAD)) >= needed || isReadingClosed());
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
            notEmpty.wake(Integer.MAX_VALUE);
        }
    }

    /**
     * Reads one message.
     *
     * @param timeoutNanos how long to wait for the reader lock and a message to begin, or
     *     {@link WaitGate#FOREVER}; once begun, a message is read whole
     * @param end how to tell that nothing more will come
     * @return the message, or {@code null} if time ran out
     * @throws EOFException if the ring is empty and {@code end} says nothing more will come
     * @throws InterruptedException if interrupted before a message was begun
     */
    public byte[] read(long timeoutNanos, EndOfData end) throws InterruptedException, EOFException {
        long deadline = System.nanoTime() + timeoutNanos;
        if (!readers.tryLock(timeoutNanos)) {
            return null;
        }
        try {
            // a reader that died mid-message leaves the rest of it to be skipped
            boolean skipping = readSide.getIntVolatile(READING) != 0;
            byte[] message = null;
            int filled = 0;
            while (true) {
                boolean midMessage = skipping || message != null;
                DataAttempt attempt = hasData() ? null : new DataAttempt(end, midMessage);
                if (attempt != null && !notEmpty.await(attempt,
                        midMessage ? WaitGate.FOREVER : remaining(timeoutNanos, deadline), !midMessage)) {
                    return null;
                }
                if (attempt != null && attempt.endReached) {
                    readSide.putIntVolatile(READING, 0);
                    throw new EOFException("the other end is closed, or its process has exited");
                }
                long head = readSide.getLong(HEAD);
                int length = data.getInt(head);
                int flags = data.getInt(head + 4);
                if ((flags & (ABORT | FIRST)) != 0) {
                    message = (flags & ABORT) != 0 ? null : new byte[(int) data.getLong(head + 8)];
                    filled = 0;
                    skipping = false;
                }
                if (message != null) {
                    data.read(head + RECORD_HEADER, message, filled, length);
                    filled += length;
                } else if ((flags & ABORT) == 0) {
                    skipping = true;
                }
                readSide.putLongVolatile(HEAD, head + recordSize(length));
                if ((flags & LAST) != 0) {
                    // a skipped message, whose reader died, was counted out by nobody: it is here
                    readSide.putIntVolatile(READING, 0);
                    writeSide.getAndAddInt(COUNT, -1);
                    notFull.wake(Integer.MAX_VALUE);
                    if (message != null) {
                        return message;
                    }
                    skipping = false;
                } else {
                    readSide.putIntVolatile(READING, message != null || skipping ? 1 : 0);
                    notFull.wake(Integer.MAX_VALUE);
                }
            }
        } finally {
            readers.unlock();
        }
    }

    /**
     * Waits until a message can be read or {@code end} is reached, without reading.
     *
     * @param timeoutNanos the longest wait, or {@link WaitGate#FOREVER}
     * @param end how to tell that nothing more will come
     * @return whether a read would not wait (a message, or the end)
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean await(long timeoutNanos, EndOfData end) throws InterruptedException {
        // the end is looked for here too: a wait of no time never gets as far as a sleep
        return hasData() || end.reached(this) || notEmpty.await(new DataAttempt(end, false), timeoutNanos, true);
    }

    /**
     * Adds to the count of messages not yet marked done (joinable queues), and wakes those
     * waiting for it to reach 0 when it does.
     *
     * @param delta +1 for a message put, -1 for one done
     * @return the count after
     */
    public long addUnfinished(long delta) {
        long after;
        long before;
        do {
            before = readSide.getLongVolatile(RingLayout.UNFINISHED);
            after = before + delta;
            if (after < 0) {
                throw new IllegalStateException("taskDone() called more times than there were items put");
            }
        } while (!readSide.compareAndSetLong(RingLayout.UNFINISHED, before, after));
        if (after == 0) {
            allDone.wake(Integer.MAX_VALUE);
        }
        return after;
    }

    /**
     * Waits until every message put was marked done.
     *
     * @param timeoutNanos the longest wait, or {@link WaitGate#FOREVER}
     * @return whether all were; {@code false} if time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitAllDone(long timeoutNanos) throws InterruptedException {
        return allDone.await(new Attempt(() -> readSide.getLongVolatile(RingLayout.UNFINISHED) == 0), timeoutNanos, true);
    }

    /** Records that the current process holds the writing end: its death is an end of data. */
    public void claimWriting() {
        writeSide.putLongVolatile(RingLayout.WRITER_OWNER, Owners.SELF);
    }

    /** Records that nothing more will be written, and wakes readers to see it. */
    public void closeWriting() {
        writeSide.putIntVolatile(RingLayout.WRITER_CLOSED, 1);
        notEmpty.wake(Integer.MAX_VALUE);
    }

    /** Records that nothing more will be read. */
    public void closeReading() {
        readSide.putIntVolatile(RingLayout.READER_CLOSED, 1);
        notFull.wake(Integer.MAX_VALUE);
    }

    /** Whether the reading end was closed. */
    public boolean isReadingClosed() {
        return readSide.getIntVolatile(RingLayout.READER_CLOSED) != 0;
    }

    /**
     * Whether the writing end was closed or the process holding it has exited; looks at the
     * process (some microseconds in {@code /proc}) at most every {@value #RECHECK_MILLIS} ms.
     */
    private boolean writerGone() {
        if (writeSide.getIntVolatile(RingLayout.WRITER_CLOSED) != 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now - checkedAt < RECHECK_MILLIS * 1_000_000) {
            return false;
        }
        checkedAt = now;
        long owner = writeSide.getLongVolatile(RingLayout.WRITER_OWNER);
        return owner != 0 && Owners.isGone(owner);
    }

    /** Waits for data; before each sleep, looks for a writer that died or the end of data. */
    private final class DataAttempt implements WaitGate.Attempt {

        private final EndOfData end;
        private final boolean midMessage;
        boolean endReached;

        DataAttempt(EndOfData end, boolean midMessage) {
            this.end = end;
            this.midMessage = midMessage;
        }

        @Override
        public boolean tryFinish() {
            return hasData();
        }

        @Override
        public boolean canFinish() {
            return hasData();
        }

        @Override
        public boolean recover() {
            if (midMessage && writers.tryLock()) {
                // the writer holds its lock for a whole message: free while the message is not
                // finished, the lock was held by a process that died
                try {
                    if (!hasData() && writeSide.getIntVolatile(WRITING) != 0) {
                        abandonPartialMessage();
                    }
                } finally {
                    writers.unlock();
                }
                return hasData();
            }
            if (end.reached(MessageRing.this) && !hasData()) {
                // data written before the end is read first: the end is final only when none is left
                endReached = !midMessage;
                return endReached;
            }
            return false;
        }
    }

    /** A wait for a condition on the ring's words. */
    private static final class Attempt implements WaitGate.Attempt {

        private final BooleanSupplier condition;

        Attempt(BooleanSupplier condition) {
            this.condition = condition;
        }

        @Override
        public boolean tryFinish() {
            return condition.getAsBoolean();
        }

        @Override
        public boolean canFinish() {
            return condition.getAsBoolean();
        }
    }
}
