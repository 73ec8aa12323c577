package org.multiprocessing4j.internal.shm;

import java.util.Arrays;

/**
 * The pipe ends, queues and primitives one thread puts in flight while it serializes something:
 * if what it serialized never reaches a receiver (serializing failed, the bytes were not sent, or
 * the child they were for never read its target), they are given back, so that neither a pipe's
 * end of data, nor a holders' table, nor a segment or cell waits for a process that will never
 * come.
 *
 * <p>Every put and send opens a collection, so the thread's record is reused and a collection is
 * only a mark in it: no allocation unless something is sent in flight. Collections nest; each
 * ends with {@link #sent}, {@link #giveBack(int)} or {@link #keep}, innermost first.
 * <pre>{@code
 * int mark = SentEnds.begin();
 * boolean sent = false;
 * try {
 *     sent = write(encode(message));
 * } finally {
 *     SentEnds.end(mark, sent);
 * }
 * }</pre>
 */
public final class SentEnds {

    private static final ThreadLocal<SentEnds> OF_THREAD = new ThreadLocal<>();

    /** Something held in flight for a receiver, which takes it over as it binds it. */
    public interface InFlight {

        /** Gives the hold back, unless its receiver has taken it over. */
        void giveBack();

        /**
         * Whether a later {@link SentEnds#giveBack()} can tell that a receiver took the hold over;
         * if not, {@link #keep} counts it sent: a hold that no one takes is kept, never one given
         * back twice.
         */
        default boolean knowsItsReceiver() {
            return true;
        }
    }

    private static final ThreadLocal<Boolean> LOOKING = new ThreadLocal<>();

    private InFlight[] sent = new InFlight[4];
    private int size;
    private int depth;

    private SentEnds() {
    }

    /**
     * Starts collecting what the current thread sends in flight.
     *
     * @return the mark that ends this collection
     */
    public static int begin() {
        SentEnds sent = OF_THREAD.get();
        if (sent == null) {
            sent = new SentEnds();
            OF_THREAD.set(sent);
        }
        sent.depth++;
        return sent.size;
    }

    /**
     * Ends the collection begun at {@code mark}: what it collected is forgotten if the bytes were
     * sent, given back otherwise.
     *
     * @param mark what {@link #begin()} returned
     * @param sent whether the bytes reached the place their receiver reads them from
     */
    public static void end(int mark, boolean sent) {
        if (sent) {
            SentEnds.sent(mark);
        } else {
            giveBack(mark);
        }
    }

    /** Ends the collection begun at {@code mark}: the bytes were sent, so their receiver takes what they hold. */
    public static void sent(int mark) {
        SentEnds ofThread = OF_THREAD.get();
        ofThread.truncate(mark);
        ofThread.depth--;
    }

    /** Ends the collection begun at {@code mark}, giving back what it collected. */
    public static void giveBack(int mark) {
        SentEnds ofThread = OF_THREAD.get();
        ofThread.giveBackFrom(mark);
        ofThread.depth--;
    }

    /**
     * Ends the collection begun at {@code mark}, keeping what it collected for a later
     * {@link #giveBack()}, on any thread: for bytes whose receiver may or may not read them.
     *
     * @param mark what {@link #begin()} returned
     * @return what was collected
     */
    public static SentEnds keep(int mark) {
        SentEnds ofThread = OF_THREAD.get();
        SentEnds kept = new SentEnds();
        for (int i = mark; i < ofThread.size; i++) {
            if (ofThread.sent[i].knowsItsReceiver()) {
                kept.add(ofThread.sent[i]);
            }
        }
        ofThread.truncate(mark);
        ofThread.depth--;
        return kept;
    }

    /** Gives back what {@link #keep} kept that its receiver has not taken over. Idempotent. */
    public synchronized void giveBack() {
        giveBackFrom(0);
    }

    /**
     * Marks the current thread as reading objects only for a look at them (a queue's snapshot),
     * until {@link #stopLooking()}: what it binds takes no hold in flight over, which belongs to
     * the receiver who will take the element.
     */
    public static void startLooking() {
        LOOKING.set(Boolean.TRUE);
    }

    /** Ends {@link #startLooking()}. */
    public static void stopLooking() {
        LOOKING.remove();
    }

    /**
     * Whether the current thread binds objects only for a look at them.
     *
     * @return whether it does
     */
    public static boolean looking() {
        return LOOKING.get() != null;
    }

    /**
     * Records a hold just taken in flight, if the current thread is collecting.
     *
     * @param held what gives it back
     */
    public static void record(InFlight held) {
        SentEnds ofThread = OF_THREAD.get();
        if (ofThread != null && ofThread.depth > 0) {
            ofThread.add(held);
        }
    }

    private void add(InFlight held) {
        if (size == sent.length) {
            sent = Arrays.copyOf(sent, size * 2);
        }
        sent[size++] = held;
    }

    private void giveBackFrom(int mark) {
        for (int i = mark; i < size; i++) {
            sent[i].giveBack();
        }
        truncate(mark);
    }

    private void truncate(int mark) {
        Arrays.fill(sent, mark, size, null);
        size = mark;
    }
}
