package org.multiprocessing4j.internal.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipe ends one thread puts in flight while it serializes something: if what it serialized
 * never reaches a receiver (serializing failed, the bytes were not sent, or the child they were for
 * never read its target), the ends are given back, so that neither a pipe's end of data nor its
 * holders' table waits for a process that will never come. Collections nest: an end goes to the
 * innermost.
 */
public final class SentEnds {

    private static final ThreadLocal<SentEnds> COLLECTING = new ThreadLocal<>();

    private final List<RingHolders.End> ends = new ArrayList<>();
    private final List<RingHolders.InFlight> flights = new ArrayList<>();
    private final SentEnds outer;

    private SentEnds(SentEnds outer) {
        this.outer = outer;
    }

    /**
     * Starts collecting what the current thread sends, until {@link #stop()}.
     *
     * @return the collection
     */
    public static SentEnds collect() {
        SentEnds sent = new SentEnds(COLLECTING.get());
        COLLECTING.set(sent);
        return sent;
    }

    /**
     * Stops collecting, back to the collection this one was started in; what was collected stays,
     * for {@link #giveBack()}.
     */
    public void stop() {
        if (outer == null) {
            COLLECTING.remove();
        } else {
            COLLECTING.set(outer);
        }
    }

    static void record(RingHolders.End end, int slot, long word) {
        SentEnds sent = COLLECTING.get();
        if (sent != null) {
            synchronized (sent) {
                sent.ends.add(end);
                sent.flights.add(new RingHolders.InFlight(slot, word));
            }
        }
    }

    /** Gives back every end collected that its receiver has not taken over. Idempotent. */
    public synchronized void giveBack() {
        for (int i = 0; i < ends.size(); i++) {
            ends.get(i).giveBack(flights.get(i).slot(), flights.get(i).word());
        }
        ends.clear();
        flights.clear();
    }
}
