package org.multiprocessing4j.hazelcast.internal;

import java.io.Serializable;

/**
 * A cluster barrier as its map entry keeps it.
 *
 * @param parties how many must arrive for it to trip
 * @param generation how many times it has tripped or been reset
 * @param arrived the parties of this generation that have arrived: all of them while the last
 *     runs the action and trips it
 * @param broken whether it is broken, until a reset
 * @param tripper the endpoint of the process that trips it now, or {@code null}
 * @param resets one bit per earlier generation, the last in the lowest bit: set for one that ended
 *     in a reset, which is how its waiters, waking later, tell a reset from a trip
 */
record BarrierState(int parties, long generation, int arrived, boolean broken, String tripper, long resets)
        implements Serializable {

    /** The most parties a barrier may have, as on the local backend. */
    static final int MAX_PARTIES = 0x7FFF;

    static BarrierState of(int parties) {
        if (parties < 1 || parties > MAX_PARTIES) {
            throw new IllegalArgumentException("parties must be between 1 and " + MAX_PARTIES + ": " + parties);
        }
        return new BarrierState(parties, 0, 0, false, null, 0);
    }

    /** Whether the last party is running the action: nothing else changes the barrier meanwhile. */
    boolean tripping() {
        return arrived == parties && !broken;
    }

    BarrierState arrive(String endpoint) {
        int now = arrived + 1;
        return new BarrierState(parties, generation, now, false, now == parties ? endpoint : null, resets);
    }

    BarrierState asBroken() {
        return new BarrierState(parties, generation, arrived, true, null, resets);
    }

    /** The next generation, after a trip or, if {@code reset}, a reset. */
    BarrierState next(boolean reset) {
        return new BarrierState(parties, generation + 1, 0, false, null, resets << 1 | (reset ? 1 : 0));
    }

    /** Whether {@code earlier}, a generation before this one, ended in a reset rather than a trip. */
    boolean endedInReset(long earlier) {
        long back = generation - 1 - earlier;
        return back < Long.SIZE && (resets >>> back & 1) == 1;
    }

    int numberWaiting() {
        return broken ? 0 : Math.min(arrived, parties - 1);
    }
}
