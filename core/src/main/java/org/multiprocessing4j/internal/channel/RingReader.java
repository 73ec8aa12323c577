package org.multiprocessing4j.internal.channel;

import static org.multiprocessing4j.internal.channel.RingLayout.ABORT;
import static org.multiprocessing4j.internal.channel.RingLayout.FIRST;
import static org.multiprocessing4j.internal.channel.RingLayout.HEAD;
import static org.multiprocessing4j.internal.channel.RingLayout.LAST;
import static org.multiprocessing4j.internal.channel.RingLayout.READ;
import static org.multiprocessing4j.internal.channel.RingLayout.READING;
import static org.multiprocessing4j.internal.channel.RingLayout.RECORD_HEADER;
import static org.multiprocessing4j.internal.channel.RingLayout.TAIL;
import static org.multiprocessing4j.internal.channel.RingLayout.WRITING;
import static org.multiprocessing4j.internal.channel.RingLayout.recordSize;

import java.io.EOFException;
import org.multiprocessing4j.internal.channel.MessageRing.EndOfData;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.RingSegment;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * How a {@link MessageRing}'s readers take a message out: under the reader lock, record by
 * record, each freed with a volatile store of {@code head} as soon as it is copied, until the
 * record that ends the message.
 *
 * <p>Deaths. {@code reading} is set while a reader is between the first and the last record of a
 * message: the next reader, finding it set, skips the rest of that message, which is lost with
 * the reader that took it. A reader waiting for the rest of a message whose writer died (the
 * writer lock is free, {@code writing} still set) writes the {@code ABORT} record itself, and
 * drops what it had. The reader waits for the end of data ({@link EndOfData}) only between
 * messages: data written before the end is read first.
 */
final class RingReader {

    private final MessageRing ring;
    private final RingSegment data;
    private final Cell readSide;
    private final Cell writeSide;
    /** The last {@code tail} this process's readers saw; behind the real one, never ahead. */
    private long knownTail;

    RingReader(MessageRing ring) {
        this.ring = ring;
        this.data = ring.data;
        this.readSide = ring.readSide;
        this.writeSide = ring.writeSide;
    }

    /** {@link MessageRing#read}. */
    byte[] read(long timeoutNanos, EndOfData end) throws InterruptedException, EOFException {
        long deadline = MessageRing.deadline(timeoutNanos);
        if (!ring.readers.tryLock(timeoutNanos)) {
            return null;
        }
        try {
            // a reader that died mid-message leaves the rest of it to be skipped
            boolean skipping = readSide.getIntVolatile(READING) != 0;
            boolean readingSet = skipping;
            byte[] message = null;
            int filled = 0;
            while (true) {
                boolean midMessage = skipping || message != null;
                DataAttempt attempt = hasData() ? null : new DataAttempt(end, midMessage);
                if (attempt != null && !ring.notEmpty.await(attempt,
                        midMessage ? WaitGate.FOREVER : MessageRing.remaining(timeoutNanos, deadline), !midMessage)) {
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
                // volatile: writers wait for head (room) and for the count read (a bound), and the
                // wakes that follow must not read the gate before these stores are seen
                readSide.putLongVolatile(HEAD, head + recordSize(length));
                if ((flags & LAST) != 0) {
                    if (readingSet) {
                        readSide.putIntRelease(READING, 0);
                        readingSet = false;
                    }
                    // a skipped message, whose reader died, was counted out by nobody: it is here
                    readSide.putIntVolatile(READ, readSide.getInt(READ) + 1);
                    ring.notFull.wake(Integer.MAX_VALUE);
                    if (message != null) {
                        return message;
                    }
                    skipping = false;
                } else {
                    readingSet = message != null || skipping;
                    readSide.putIntRelease(READING, readingSet ? 1 : 0);
                    ring.notFull.wake(Integer.MAX_VALUE);
                }
            }
        } finally {
            ring.readers.unlock();
        }
    }

    /**
     * Called holding the reader lock: whether a record is committed past {@code head}. Looks at the
     * writers' {@code tail} only when the one it last saw has been read up to.
     */
    private boolean hasData() {
        long head = readSide.getLong(HEAD);
        if (knownTail - head > 0) {
            return true;
        }
        knownTail = writeSide.getLongVolatile(TAIL);
        return knownTail != head;
    }

    /** {@link MessageRing#await}. */
    boolean await(long timeoutNanos, EndOfData end) throws InterruptedException {
        // the end is looked for here too: a wait of no time never gets as far as a sleep
        return ring.hasData() || end.reached(ring) || ring.notEmpty.await(new DataAttempt(end, false), timeoutNanos, true);
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
            return ring.hasData();
        }

        @Override
        public boolean canFinish() {
            return ring.hasData();
        }

        @Override
        public boolean recover() {
            if (midMessage && ring.writers.tryLock()) {
                // the writer holds its lock for a whole message: free while the message is not
                // finished, the lock was held by a process that died
                try {
                    if (!ring.hasData() && writeSide.getIntVolatile(WRITING) != 0) {
                        ring.writer.abandonPartialMessage();
                    }
                } finally {
                    ring.writers.unlock();
                }
                return ring.hasData();
            }
            if (end.reached(ring) && !ring.hasData()) {
                // data written before the end is read first: the end is final only when none is left
                endReached = !midMessage;
                return endReached;
            }
            return false;
        }
    }
}
