package org.multiprocessing4j.internal.channel;

import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.sync.Owners;

/**
 * The two ends of a {@link MessageRing} as processes hold them: whether each was closed, and, for
 * a pipe, which process holds each end, so that readers learn of the writer's death (an end of
 * data) and writers of the reader's (a broken pipe).
 *
 * <p>A process's death is looked for in {@code /proc} (some microseconds), at most every
 * {@value #RECHECK_MILLIS} ms per end, ring and process; a closed end is seen at once, and so is
 * a holder already seen dead, since its process never comes back (a new holder has another owner
 * word).
 */
final class RingEnds {

    private static final long RECHECK_MILLIS = 100;
    private static final long RECHECK_NANOS = RECHECK_MILLIS * 1_000_000;

    private final MessageRing ring;
    private final Cell readSide;
    private final Cell writeSide;
    private final Holder writer = new Holder(RingLayout.WRITER_OWNER);
    private final Holder reader = new Holder(RingLayout.READER_OWNER);

    RingEnds(MessageRing ring) {
        this.ring = ring;
        this.readSide = ring.readSide;
        this.writeSide = ring.writeSide;
    }

    void claimWriting() {
        writeSide.putLongVolatile(RingLayout.WRITER_OWNER, Owners.SELF);
    }

    void claimReading() {
        writeSide.putLongVolatile(RingLayout.READER_OWNER, Owners.SELF);
    }

    void closeWriting() {
        writeSide.putIntVolatile(RingLayout.WRITER_CLOSED, 1);
        ring.notEmpty.wake(Integer.MAX_VALUE);
    }

    void closeReading() {
        readSide.putIntVolatile(RingLayout.READER_CLOSED, 1);
        ring.notFull.wake(Integer.MAX_VALUE);
    }

    boolean isReadingClosed() {
        return readSide.getIntVolatile(RingLayout.READER_CLOSED) != 0;
    }

    /** Whether the writing end was closed or the process holding it has exited. */
    boolean writerGone() {
        return writeSide.getIntVolatile(RingLayout.WRITER_CLOSED) != 0 || writer.isGone();
    }

    /** Whether the reading end was closed or the process holding it has exited. */
    boolean readerGone() {
        return isReadingClosed() || reader.isGone();
    }

    /** As {@link #readerGone()}, but without looking in {@code /proc}: cheap enough to ask often. */
    boolean readerKnownGone() {
        return isReadingClosed() || reader.wasSeenGone();
    }

    /** The holder of one end, named by an owner word in the writers' cell; 0 for nobody (a queue). */
    private final class Holder {

        private final int field;
        // the last look in /proc; racy on purpose: a lost update costs one more look
        private long checkedAt = System.nanoTime() - RECHECK_NANOS;
        private volatile long seenGone;

        Holder(int field) {
            this.field = field;
        }

        boolean isGone() {
            if (wasSeenGone()) {
                return true;
            }
            long now = System.nanoTime();
            if (now - checkedAt < RECHECK_NANOS) {
                return false;
            }
            checkedAt = now;
            long owner = writeSide.getLongVolatile(field);
            if (owner != 0 && Owners.isGone(owner)) {
                seenGone = owner;
                return true;
            }
            return false;
        }

        boolean wasSeenGone() {
            long gone = seenGone;
            return gone != 0 && writeSide.getLongVolatile(field) == gone;
        }
    }
}
