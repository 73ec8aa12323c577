package org.multiprocessing4j.internal.channel;

import java.io.Serializable;
import java.nio.file.NoSuchFileException;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CopyCleaner;
import org.multiprocessing4j.internal.shm.SentEnds;
import org.multiprocessing4j.internal.sync.Owners;

/**
 * Which processes hold each end of a pipe's {@link MessageRing}, counted as the kernel counts the
 * file descriptors of a pipe: an end is gone when every process that held it has given it up or
 * died, and only then do readers get the end of data, or writers a broken pipe.
 *
 * <p>Implementation note. Each end has a table of {@value #SLOTS} holders in shared memory (see
 * {@link RingLayout}) and a count of the holders in use. A process that holds an end has one
 * holder there, its owner word, however many copies of the end it has: copies are counted in the
 * process ({@link ProcessHold}), and the holder is taken with the first copy and given back with
 * the last one closed. The holder of a process that died stays until its place is needed, and
 * counts as gone: a look in {@code /proc}, at most every {@value #RECHECK_MILLIS} ms per end, with
 * what it found kept, since a dead process never comes back.
 *
 * <p>An end crossing into another process is held in flight: the sending process takes a holder
 * for it when it serializes the end, under a number drawn for that one sending, and the receiving
 * process turns that holder into its own, with one compare-and-set of the number, as it binds the
 * end. So a sender that closes its copy right after sending, before the receiver has read it,
 * does not end the pipe, as a file descriptor passed to a child stays open. An end sent in a
 * child's target and never received is given back when the child has exited ({@link SentEnds});
 * one sent otherwise and never received is held until its sender exits.
 *
 * <p>A queue's ring has no ends, but it has users: every process with a copy of the queue, counted
 * in the writing end's table, as any of them may write. When no running process holds a ring any
 * more, the one that gave the last hold up removes its file; one that gave its hold up while
 * others still held the ring looks again now and then, in case they all die without giving theirs
 * up ({@link #sweepNowAndThen()}).
 */
public final class RingHolders {

    /** The holders of one end. */
    static final int SLOTS = RingLayout.HOLDER_CELLS * RingLayout.HOLDERS_PER_CELL;

    private static final long IN_FLIGHT = 1;
    private static final long RECHECK_MILLIS = 100;
    private static final long RECHECK_NANOS = RECHECK_MILLIS * 1_000_000;

    /** This process's holds, by ring file and end; one holder each. */
    private static final Map<String, ProcessHold> HELD = new ConcurrentHashMap<>();
    /** The rings this process gave up while other processes held them (see {@link #sweepNowAndThen()}). */
    private static final Set<String> LEFT_TO_OTHERS = ConcurrentHashMap.newKeySet();
    private static final long SWEEP_MILLIS = 1000;
    // racy on purpose: a lost update only makes one more sweep
    private static long lastSweep = System.nanoTime();

    /**
     * What a handle carries of an end in flight: where its holder is, and the number it is under.
     * A class, as {@link org.multiprocessing4j.internal.shm.CellHandle} is.
     */
    public static final class InFlight implements Serializable {

        private static final long serialVersionUID = 1L;

        private final int slot;
        private final long word;

        InFlight(int slot, long word) {
            this.slot = slot;
            this.word = word;
        }

        /** The holder's place in the end's table. */
        public int slot() {
            return slot;
        }

        /** The holder word drawn for this sending. */
        public long word() {
            return word;
        }

        @Override
        public String toString() {
            return "InFlight[" + slot + ", " + word + "]";
        }
    }

    /** Whether no running process holds either end, or is sending one: nobody can use the ring again. */
    boolean unheld() {
        return writing.holderNotKnownDead(true) < 0 && reading.holderNotKnownDead(true) < 0;
    }

    /**
     * Removes the files of the rings this process gave up while others held them, once those
     * others have all died without giving them up; at most every {@value #SWEEP_MILLIS} ms, when a
     * ring is made, so that a long-running process does not collect the rings of killed children.
     */
    static void sweepNowAndThen() {
        long now = System.nanoTime();
        if (LEFT_TO_OTHERS.isEmpty() || now - lastSweep < SWEEP_MILLIS * 1_000_000L) {
            return;
        }
        lastSweep = now;
        for (String path : LEFT_TO_OTHERS) {
            if (isHeldHere(path)) {
                // held here again: its next release looks again
                LEFT_TO_OTHERS.remove(path);
                continue;
            }
            MessageRing ring;
            try {
                ring = MessageRing.attach(new MessageRing.Handle(path));
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof NoSuchFileException) {
                    LEFT_TO_OTHERS.remove(path);
                }
                // otherwise (too many mappings now) it is looked at another time
                continue;
            }
            if (ring.holders.unheld()) {
                ring.data.unlink();
                LEFT_TO_OTHERS.remove(path);
            }
        }
    }

    /**
     * Whether this process holds an end of the ring in {@code file}, or the queue there.
     *
     * @param file the ring's segment file
     * @return whether it does
     */
    public static boolean isHeldHere(String file) {
        return HELD.containsKey(file + ":w") || HELD.containsKey(file + ":r");
    }

    /** How many pipe ends and queues this process holds now: each is a holder in a table of shared memory. */
    static int holdsInThisProcess() {
        return HELD.size();
    }

    final End writing;
    final End reading;
    private final MessageRing ring;
    private final Cell writeSide;

    RingHolders(MessageRing ring) {
        this.ring = ring;
        this.writeSide = ring.writeSide;
        this.writing = new End(RingLayout.WRITER_HOLDER_CELLS, RingLayout.WRITER_HOLDS, "w");
        this.reading = new End(RingLayout.READER_HOLDER_CELLS, RingLayout.READER_HOLDS, "r");
    }

    /** Marks a new ring as a pipe's: from now on its ends are gone when their holders are. */
    void countHolders() {
        writeSide.putIntVolatile(RingLayout.HELD, 1);
    }

    private boolean counted() {
        return writeSide.getIntVolatile(RingLayout.HELD) != 0;
    }

    /** One end's table. */
    final class End {

        private final Cell[] cells = new Cell[RingLayout.HOLDER_CELLS];
        private final int countField;
        private final String key;
        /** By slot, the last holder word seen to be a dead process's: what {@code /proc} said. */
        private final long[] seenGone = new long[SLOTS];
        // the last look in /proc; racy on purpose: a lost update costs one more look
        private long checkedAt = System.nanoTime() - RECHECK_NANOS;

        End(int firstCell, int countField, String side) {
            for (int i = 0; i < cells.length; i++) {
                cells[i] = ring.data.control(firstCell + i);
            }
            this.countField = countField;
            this.key = ring.data.path() + ":" + side;
        }

        /** A copy of this end in this process: the process holds the end until every copy is released. */
        Hold hold() {
            while (true) {
                ProcessHold held = processHold();
                synchronized (held) {
                    if (held.dropped) {
                        continue;
                    }
                    // claimed before it is counted: a claim that fails leaves nothing behind
                    if (held.copies == 0) {
                        held.slot = claim(Owners.SELF);
                    }
                    held.copies++;
                }
                return new Hold(this, held);
            }
        }

        /** Holds this end in flight for another process, which takes the holder over in {@link #receive}. */
        InFlight send() {
            // taken under this process's own word first, so that nobody sees a sender not yet written
            int slot = claim(Owners.SELF);
            Cell cell = cells[slot / RingLayout.HOLDERS_PER_CELL];
            cell.putLongVolatile(offset(slot) + RingLayout.SENDER, Owners.SELF);
            long word = ThreadLocalRandom.current().nextLong() | IN_FLIGHT;
            cell.putLongVolatile(offset(slot), word);
            SentEnds.record(new GiveBack(this, slot, word));
            return new InFlight(slot, word);
        }

        /**
         * A copy of this end received from another process, which held it in flight for this one.
         * A copy bound for a look only (a queue's snapshot) takes a hold of its own instead: the one
         * in flight is the taker's.
         */
        Hold receive(InFlight flight) {
            if (SentEnds.looking()) {
                return hold();
            }
            while (true) {
                ProcessHold held = processHold();
                synchronized (held) {
                    if (held.dropped) {
                        continue;
                    }
                    if (held.copies > 0) {
                        giveBack(flight.slot(), flight.word());
                    } else if (compareAndSet(flight.slot(), flight.word(), Owners.SELF)) {
                        held.slot = flight.slot();
                    } else {
                        held.slot = claim(Owners.SELF);
                    }
                    held.copies++;
                }
                return new Hold(this, held);
            }
        }

        /** Gives back a hold in flight, unless its receiver has taken it over. */
        void giveBack(int slot, long word) {
            if (compareAndSet(slot, word, 0)) {
                released();
            }
        }

        void release(ProcessHold held) {
            synchronized (held) {
                if (--held.copies == 0) {
                    // a pipe closed for good leaves nothing in this process's map
                    held.dropped = true;
                    HELD.remove(key, held);
                    if (compareAndSet(held.slot, Owners.SELF, 0)) {
                        released();
                    }
                }
            }
        }

        /**
         * Counts a holder out; when it was the last, whoever waits on the other side must see that.
         * When no process that is still running holds the ring any more, its file goes.
         */
        private void released() {
            if (writeSide.getAndAddInt(countField, -1) == 1) {
                ring.notEmpty.wake(Integer.MAX_VALUE);
                ring.notFull.wake(Integer.MAX_VALUE);
            }
            if (unheld()) {
                ring.data.unlink();
            } else {
                LEFT_TO_OTHERS.add(ring.data.path());
            }
        }

        /** This process's hold of the end, made on first use (no lambda: a child binding its end is starting). */
        private ProcessHold processHold() {
            ProcessHold held = HELD.get(key);
            if (held == null) {
                ProcessHold made = new ProcessHold();
                held = HELD.putIfAbsent(key, made);
                if (held == null) {
                    held = made;
                }
            }
            return held;
        }

        /**
         * Whether every holder has given the end up or is known dead, without looking in
         * {@code /proc}: cheap enough to ask often. Always {@code false} for a queue's ring.
         */
        boolean knownGone() {
            return counted() && holderNotKnownDead(false) < 0;
        }

        /**
         * Whether every holder has given the end up or has exited; looks in {@code /proc} at most
         * every {@value #RECHECK_MILLIS} ms, and answers at once for holders already seen dead.
         * Always {@code false} for a queue's ring.
         */
        boolean gone() {
            if (!counted()) {
                return false;
            }
            if (holderNotKnownDead(false) < 0) {
                return true;
            }
            long now = System.nanoTime();
            if (now - checkedAt < RECHECK_NANOS) {
                return false;
            }
            checkedAt = now;
            return holderNotKnownDead(true) < 0;
        }

        /**
         * The first holder in use that is not known to be a dead process's, or -1. With
         * {@code look}, one not yet seen dead is looked up in {@code /proc} first. Stops once it has
         * seen as many as are in use, which, as holders take the first free place, is after a few.
         */
        private int holderNotKnownDead(boolean look) {
            int count = writeSide.getIntVolatile(countField);
            for (int slot = 0, found = 0; found < count && slot < SLOTS; slot++) {
                long word = word(slot);
                if (word != 0) {
                    found++;
                    if (seenGone[slot] != word) {
                        if (!look || !isGone(slot, word)) {
                            return slot;
                        }
                        seenGone[slot] = word;
                    }
                }
            }
            return -1;
        }

        /** Whether the process behind a holder has exited: its own, or its sender's while in flight. */
        private boolean isGone(int slot, long word) {
            if ((word & IN_FLIGHT) == 0) {
                return Owners.isGone(word);
            }
            return Owners.isGone(cells[slot / RingLayout.HOLDERS_PER_CELL].getLongVolatile(offset(slot) + RingLayout.SENDER));
        }

        /** Takes a free holder, or the holder of a process that died, for {@code word}. */
        private int claim(long word) {
            for (int slot = 0; slot < SLOTS; slot++) {
                if (word(slot) == 0) {
                    // counted before it is taken: a scan that stops after the count sees it
                    writeSide.getAndAddInt(countField, 1);
                    if (compareAndSet(slot, 0, word)) {
                        return slot;
                    }
                    writeSide.getAndAddInt(countField, -1);
                }
            }
            for (int slot = 0; slot < SLOTS; slot++) {
                long dead = word(slot);
                if (dead != 0 && isGone(slot, dead) && compareAndSet(slot, dead, word)) {
                    return slot;
                }
            }
            throw new IllegalStateException("more than " + SLOTS + " running processes hold one end of this pipe");
        }

        private long word(int slot) {
            return cells[slot / RingLayout.HOLDERS_PER_CELL].getLongVolatile(offset(slot));
        }

        private boolean compareAndSet(int slot, long expected, long word) {
            return cells[slot / RingLayout.HOLDERS_PER_CELL].compareAndSetLong(offset(slot), expected, word);
        }

        private int offset(int slot) {
            return RingLayout.HOLDER_SIZE * (slot % RingLayout.HOLDERS_PER_CELL);
        }
    }

    /**
     * This process's hold of one end: its holder's place, and how many copies it has open. Once
     * its last copy is closed it is dropped from the map, and a new copy makes a new one.
     */
    private static final class ProcessHold {
        int slot;
        int copies;
        boolean dropped;
    }

    /**
     * Gives {@code first} and {@code second} (either may be {@code null}) up once {@code user} is
     * unreachable, unless they were released before: a copy dropped without a close is given up
     * when it is collected, as Python gives up a connection or a queue that it collects.
     *
     * @param user the copy that holds them
     * @param first a hold of it
     * @param second another hold of it
     * @return what releases them at once: cleaning it at a close also forgets them, so that
     *     nothing keeps their ring mapped once the copy is collected
     */
    public static Cleaner.Cleanable releaseWhenUnreachable(Object user, Hold first, Hold second) {
        return CopyCleaner.whenUnreachable(user, new Release(first, second));
    }

    /** An end held in flight, as {@link SentEnds} gives it back. */
    private record GiveBack(End end, int slot, long word) implements SentEnds.InFlight {

        @Override
        public void giveBack() {
            end.giveBack(slot, word);
        }
    }

    /** What a collected copy gives up; it must not reference the copy. */
    private record Release(Hold first, Hold second) implements Runnable {

        @Override
        public void run() {
            if (first != null) {
                first.release();
            }
            if (second != null) {
                second.release();
            }
        }
    }

    /** One copy's share of its process's hold; released once. */
    public static final class Hold {

        private final End end;
        private final ProcessHold held;
        private final AtomicBoolean released = new AtomicBoolean();

        private Hold(End end, ProcessHold held) {
            this.end = end;
            this.held = held;
        }

        /** Gives this copy up; the process's holder goes when its last copy does. Idempotent. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                end.release(held);
            }
        }
    }
}
