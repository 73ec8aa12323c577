package org.multiprocessing4j.internal.channel;

import static org.multiprocessing4j.internal.channel.RingLayout.HEAD;
import static org.multiprocessing4j.internal.channel.RingLayout.READ;
import static org.multiprocessing4j.internal.channel.RingLayout.TAIL;
import static org.multiprocessing4j.internal.channel.RingLayout.WRITTEN;

import java.io.EOFException;
import java.io.Serializable;
import java.util.List;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.RingSegment;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.sync.RobustMutex;

/**
 * Messages of any size through a ring of bytes in shared memory, from any number of writers to
 * any number of readers in any processes: the engine of pipes and queues.
 *
 * <p>Implementation note. Writers take a writer lock for a whole message and readers a reader
 * lock, so each side is one writer and one reader at a time, and the ring itself only needs a
 * single-producer single-consumer protocol: a writer copies a record in, then publishes it with
 * a volatile store of {@code tail}; a reader copies it out, then frees it with a volatile store of
 * {@code head}. Volatile rather than release, since each is followed by a look at the wait gate of
 * those waiting for it, which must not be read before the store is visible ({@link WaitGate}'s
 * contract). A message larger than a quarter of the ring goes in chunks, each committed on its
 * own, so a reader copies the first chunks out while the writer copies the next ones in.
 *
 * <p>Each side touches the other's cache line as little as it can, since a line that moves between
 * cores costs more than everything else a small message does: a writer remembers the last
 * {@code head} it saw and looks again only when that leaves too little room, a reader remembers the
 * last {@code tail} and looks again only when it has read up to it, and the gate a side wakes is in
 * its own cell.
 *
 * <p>The work is split by side: {@link RingWriter} puts messages in, {@link RingReader} takes them
 * out, each also recovering from a predecessor that died mid-message; {@link RingHolders} knows,
 * for a pipe, which processes hold each end. Both locks are {@link RobustMutex}es, taken over
 * from a process that died holding them. Nothing another writer wrote is ever touched: its
 * messages are whole records before or after a dead one's.
 *
 * <p>What the ring does when a waiting reader finds it empty (an end of file for a pipe, just
 * waiting for a queue) is the caller's {@link EndOfData}.
 */
public final class MessageRing {

    /** A pipe's end of data: every process that held its writing end closed it or exited. */
    public static final EndOfData WRITER_GONE = ring -> ring.holders.writing.gone();

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
     * What names a ring in every process: its segment, which holds all of its state. A class, as
     * {@link org.multiprocessing4j.internal.shm.CellHandle} is.
     */
    public static final class Handle implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String segment;

        Handle(String segment) {
            this.segment = segment;
        }

        /** The ring segment's file. */
        public String segment() {
            return segment;
        }

        @Override
        public String toString() {
            return "MessageRing.Handle[" + segment + "]";
        }
    }

    final RingSegment data;
    final Cell readSide;
    final Cell writeSide;
    final RobustMutex writers;
    final RobustMutex readers;
    final WaitGate notEmpty;
    final WaitGate notFull;
    private final WaitGate allDone;
    final RingWriter writer;
    private final RingReader reader;
    final RingHolders holders;

    private MessageRing(RingSegment data) {
        this.data = data;
        this.readSide = data.control(0);
        this.writeSide = data.control(1);
        this.writers = RobustMutex.in(data.control(RingLayout.WRITER_LOCK_CELL), false);
        this.readers = RobustMutex.in(data.control(RingLayout.READER_LOCK_CELL), false);
        this.notEmpty = new WaitGate(writeSide, RingLayout.NOT_EMPTY, WaitGate.Policy.BROADCAST);
        this.notFull = new WaitGate(readSide, RingLayout.NOT_FULL, WaitGate.Policy.BROADCAST);
        this.allDone = new WaitGate(readSide, RingLayout.ALL_DONE, WaitGate.Policy.BROADCAST);
        this.writer = new RingWriter(this);
        this.reader = new RingReader(this);
        this.holders = new RingHolders(this);
    }

    /**
     * A new, empty ring.
     *
     * @param shm where its segment is made
     * @param capacity its data bytes, a power of two
     * @param bound the most messages it may hold, 0 for no bound
     * @return the ring
     */
    public static MessageRing create(SegmentDirectory shm, int capacity, int bound) {
        RingHolders.sweepNowAndThen();
        MessageRing ring = new MessageRing(shm.createRing(capacity));
        ring.writeSide.putIntVolatile(RingLayout.BOUND, bound);
        return ring;
    }

    /**
     * A new, empty ring of a pipe, whose ends are held by processes (see {@link RingHolders}):
     * nobody holds either end yet.
     *
     * @param shm where its segment is made
     * @param capacity its data bytes, a power of two
     * @return the ring
     */
    public static MessageRing createForPipe(SegmentDirectory shm, int capacity) {
        MessageRing ring = create(shm, capacity, 0);
        ring.holders.countHolders();
        return ring;
    }

    /**
     * The ring named by {@code handle}, mapped into this process.
     *
     * @param handle what names the ring
     * @return the ring
     */
    public static MessageRing attach(Handle handle) {
        return new MessageRing(RingSegment.attach(handle.segment()));
    }

    public Handle handle() {
        return new Handle(data.path());
    }

    /** The whole messages in the ring: exact when nobody is writing or reading. */
    public int count() {
        // read first, so that a message read meanwhile cannot make the count negative
        int read = readSide.getIntVolatile(READ);
        return Math.max(0, writeSide.getIntVolatile(WRITTEN) - read);
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
     * The gate woken when a message (or a chunk of one) is committed, or the writing end's last
     * holder gave it up: for a thread that waits on this ring among others.
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
     * @return whether it was written; {@code false} if time ran out first, or every holder of the
     *     reading end gave it up or died ({@link #isReaderGone()}) while the writer waited for room
     * @throws InterruptedException if interrupted before the message was begun
     */
    public boolean write(byte[] bytes, int offset, int length, long timeoutNanos) throws InterruptedException {
        return writer.write(bytes, offset, length, timeoutNanos);
    }

    /**
     * When a timeout that starts now ends. An untimed wait and one that does not wait read no
     * clock: a read of the clock costs as much as a small message's copy into the ring.
     */
    static long deadline(long timeoutNanos) {
        return timeoutNanos == WaitGate.FOREVER || timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
    }

    /** What is left now of a timeout that ends at {@code deadline}; {@link WaitGate#FOREVER} and 0 stay so. */
    static long remaining(long timeoutNanos, long deadline) {
        return timeoutNanos == WaitGate.FOREVER || timeoutNanos == 0 ? timeoutNanos
                : Math.max(0, deadline - System.nanoTime());
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
        return reader.read(timeoutNanos, end);
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
        return reader.await(timeoutNanos, end);
    }

    /**
     * The whole messages in the ring at one moment, oldest first, without taking them (see
     * {@link RingSnapshot}).
     *
     * @param most how many at most
     * @return their bytes
     */
    public List<byte[]> snapshot(int most) {
        return RingSnapshot.messages(this, most);
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
        return allDone.await(new PredicateAttempt(() -> readSide.getLongVolatile(RingLayout.UNFINISHED) == 0),
                timeoutNanos, true);
    }

    /**
     * A copy of the writing end in this process: the process is among its holders until every
     * copy it has is released, or it exits.
     *
     * @return the copy's hold
     */
    public RingHolders.Hold holdWriting() {
        return holders.writing.hold();
    }

    /**
     * A copy of the reading end in this process; as {@link #holdWriting()}.
     *
     * @return the copy's hold
     */
    public RingHolders.Hold holdReading() {
        return holders.reading.hold();
    }

    /**
     * Holds the writing end for another process while it is on its way there.
     *
     * @return what the receiving process needs to take the hold over
     */
    public RingHolders.InFlight sendWriting() {
        return holders.writing.send();
    }

    /**
     * Holds the reading end for another process while it is on its way there.
     *
     * @return what the receiving process needs to take the hold over
     */
    public RingHolders.InFlight sendReading() {
        return holders.reading.send();
    }

    /**
     * A copy of the writing end received from the process that sent it.
     *
     * @param flight what the sender held it with
     * @return the copy's hold
     */
    public RingHolders.Hold receiveWriting(RingHolders.InFlight flight) {
        return holders.writing.receive(flight);
    }

    /**
     * A copy of the reading end received from the process that sent it.
     *
     * @param flight what the sender held it with
     * @return the copy's hold
     */
    public RingHolders.Hold receiveReading(RingHolders.InFlight flight) {
        return holders.reading.receive(flight);
    }

    /**
     * A copy of a queue in this process: the process is among the ring's users, which keep its
     * segment, until every copy it has is released, or it exits.
     *
     * @return the copy's hold
     */
    public RingHolders.Hold holdUse() {
        return holders.writing.hold();
    }

    /**
     * Holds a queue for another process while it is on its way there.
     *
     * @return what the receiving process needs to take the hold over
     */
    public RingHolders.InFlight sendUse() {
        return holders.writing.send();
    }

    /**
     * A copy of a queue received from the process that sent it.
     *
     * @param flight what the sender held it with
     * @return the copy's hold
     */
    public RingHolders.Hold receiveUse(RingHolders.InFlight flight) {
        return holders.writing.receive(flight);
    }

    /**
     * Whether every process that held the reading end gave it up or exited: nobody will read.
     * Looks at the processes (some microseconds in {@code /proc}) at most every 100 ms, and
     * answers at once for those already seen dead.
     */
    public boolean isReaderGone() {
        return holders.reading.gone();
    }
}
