package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.Map;

/** The entry processors that change a cluster barrier's {@link BarrierState}: atomic on the entry's owner. */
final class BarrierChanges {

    /** What a change found. */
    enum Outcome {
        /** arrived, and others are still to come */
        WAIT,
        /** arrived last: the caller runs the action and trips the barrier */
        TRIP,
        /** the barrier is broken */
        BROKEN,
        /** the barrier is tripping: the caller waits for that to end and tries again */
        BUSY,
        /** the caller's generation has ended */
        MOVED,
        /** done */
        DONE
    }

    /** What an arrival found, in which state, its generation and its arrival index. */
    record Arrival(Outcome outcome, BarrierState seen, long generation, int index) implements Serializable {
    }

    private BarrierChanges() {
    }

    record Arrive(String endpoint) implements EntryProcessor<String, BarrierState, Arrival> {
        @Override
        public Arrival process(Map.Entry<String, BarrierState> entry) {
            BarrierState now = entry.getValue();
            if (now.broken()) {
                return new Arrival(Outcome.BROKEN, now, now.generation(), 0);
            }
            if (now.tripping()) {
                return new Arrival(Outcome.BUSY, now, now.generation(), 0);
            }
            BarrierState after = now.arrive(endpoint);
            entry.setValue(after);
            return new Arrival(after.tripping() ? Outcome.TRIP : Outcome.WAIT, now, now.generation(),
                    now.parties() - after.arrived());
        }
    }

    /** Ends the trip of {@code generation}: the next generation, or a broken barrier if the action failed. */
    record Trip(long generation, boolean failed) implements EntryProcessor<String, BarrierState, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, BarrierState> entry) {
            BarrierState now = entry.getValue();
            if (now.generation() != generation || !now.tripping()) {
                // broken meanwhile, because the members took the tripper for gone
                return false;
            }
            entry.setValue(failed ? now.asBroken() : now.next(false));
            return true;
        }
    }

    /**
     * Breaks the barrier, as {@code abort} does, or as a waiter of {@code generation} does that
     * timed out or was interrupted (any generation if negative).
     */
    record Break(long generation) implements EntryProcessor<String, BarrierState, Outcome> {
        @Override
        public Outcome process(Map.Entry<String, BarrierState> entry) {
            BarrierState now = entry.getValue();
            if (generation >= 0 && now.generation() != generation) {
                return Outcome.MOVED;
            }
            if (now.broken()) {
                return Outcome.BROKEN;
            }
            if (now.tripping()) {
                return Outcome.BUSY;
            }
            entry.setValue(now.asBroken());
            return Outcome.DONE;
        }
    }

    record Reset() implements EntryProcessor<String, BarrierState, Outcome> {
        @Override
        public Outcome process(Map.Entry<String, BarrierState> entry) {
            BarrierState now = entry.getValue();
            if (now.tripping()) {
                return Outcome.BUSY;
            }
            entry.setValue(now.next(true));
            return Outcome.DONE;
        }
    }

    /** Breaks every barrier that a process of {@code endpoint}, which has left the cluster, was tripping. */
    record Abandon(String endpoint) implements EntryProcessor<String, BarrierState, Void> {
        @Override
        public Void process(Map.Entry<String, BarrierState> entry) {
            BarrierState now = entry.getValue();
            if (now != null && now.tripping() && endpoint.equals(now.tripper())) {
                entry.setValue(now.asBroken());
            }
            return null;
        }
    }
}
