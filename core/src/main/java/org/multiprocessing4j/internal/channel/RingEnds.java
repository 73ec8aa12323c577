package org.multiprocessing4j.internal.channel;

import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.sync.Owners;

/**
 * The two ends of a {@link MessageRing} as processes hold them: whether each was closed, and, for
 * a pipe, which process holds the writing end, so that its readers learn of its death.
 *
 * <p>A process's death is looked for in {@code /proc} (some microseconds), at most every
 * {@value #RECHECK_MILLIS} ms per ring and process; a closed end is seen at once.
 */
final class RingEnds {

    private static final long RECHECK_MILLIS = 100;
    private static final long RECHECK_NANOS = RECHECK_MILLIS * 1_000_000;

    private final MessageRing ring;
    private final Cell readSide;
    private final Cell writeSide;
    // the last liveness check of the writer; racy on purpose: a lost update costs one more check
    private long writerCheckedAt = System.nanoTime() - RECHECK_NANOS;

    RingEnds(MessageRing ring) {
        this.ring = ring;
        this.readSide = ring.readSide;
        this.writeSide = ring.writeSide;
    }

    void claimWriting() {
        writeSide.putLongVolatile(RingLayout.WRITER_OWNER, Owners.SELF);
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
        if (writeSide.getIntVolatile(RingLayout.WRITER_CLOSED) != 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now - writerCheckedAt < RECHECK_NANOS) {
            return false;
        }
        writerCheckedAt = now;
        long owner = writeSide.getLongVolatile(RingLayout.WRITER_OWNER);
        return owner != 0 && Owners.isGone(owner);
    }
}
