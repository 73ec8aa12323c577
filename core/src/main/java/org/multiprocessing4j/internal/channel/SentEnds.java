package org.multiprocessing4j.internal.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipe ends one thread sends, in flight, while a child's target is serialized: if the child
 * never receives them (it failed to start, or died before it read its target), they are given back
 * once it has exited, so that neither a pipe's end of data nor its holders' table waits for a
 * process that will never come.
 */
public final class SentEnds {

    private static final ThreadLocal<SentEnds> COLLECTING = new ThreadLocal<>();

    private final List<RingHolders.End> ends = new ArrayList<>();
    private final List<RingHolders.InFlight> flights = new ArrayList<>();

    private SentEnds() {
    }

    /**
     * Starts collecting what the current thread sends, until {@link #stop()}.
     *
     * @return the collection
     */
    public static SentEnds collect() {
        SentEnds sent = new SentEnds();
        COLLECTING.set(sent);
        return sent;
    }

    /** Stops collecting; what was collected stays, for {@link #giveBack()}. */
    public void stop() {
        COLLECTING.remove();
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
