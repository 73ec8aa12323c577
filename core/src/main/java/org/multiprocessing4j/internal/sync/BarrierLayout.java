package org.multiprocessing4j.internal.sync;

import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * The cell of a barrier ({@link SharedBarrier}).
 *
 * <pre>
 *   0                  8          12         16                 24                     36       60     64
 *   +------------------+----------+----------+------------------+----------------------+--------+------+
 *   |      state       | parties  | (unused) |     tripper      |  wait gate           |(unused)| tag  |
 *   +------------------+----------+----------+------------------+----------------------+--------+------+
 *
 *   state:  63               32 31           16 15  14            0
 *           +------------------+---------------+---+---------------+
 *           |  broken history  |  generation   | B |    arrived    |
 *           +------------------+---------------+---+---------------+
 * </pre>
 * <ul>
 *   <li>{@code state}, changed only by compare-and-set: the parties that have arrived in the
 *       current generation; {@code B}, whether the current generation is broken; the generation
 *       number (wrapping around); and for each of the last 32 generations (bit
 *       {@code generation % 32}), whether it ended broken (by a reset) rather than tripped, for
 *       waiters that look only after the generation has moved on.</li>
 *   <li>{@code parties}: written once at creation.</li>
 *   <li>{@code tripper}: the {@linkplain Owners owner word} of the process running the barrier
 *       action, 0 otherwise, so that waiters can tell when that process died.</li>
 *   <li>the {@link WaitGate}, where every waiter sleeps and every change wakes them all.</li>
 * </ul>
 */
final class BarrierLayout {

    static final int STATE = 0;
    static final int PARTIES = 8;
    static final int TRIPPER = 16;
    static final int GATE = 24;

    /** The most parties a barrier may have: what {@code arrived} can count. */
    static final int MAX_PARTIES = 0x7FFF;

    private static final long BROKEN = 1L << 15;
    private static final int GENERATION_SHIFT = 16;
    private static final int HISTORY_SHIFT = 32;
    private static final int HISTORY_LENGTH = 32;

    private BarrierLayout() {
    }

    static int arrived(long state) {
        return (int) (state & MAX_PARTIES);
    }

    static boolean hasBrokenFlag(long state) {
        return (state & BROKEN) != 0;
    }

    static long withBrokenFlag(long state) {
        return state | BROKEN;
    }

    static int generation(long state) {
        return (int) (state >>> GENERATION_SHIFT) & 0xFFFF;
    }

    /** Whether generation {@code generation}, one of the last 32, ended broken. */
    static boolean endedBroken(long state, int generation) {
        return (state >>> (HISTORY_SHIFT + generation % HISTORY_LENGTH) & 1) != 0;
    }

    /** The first state of the next generation, recording how the current one ended. */
    static long next(long state, boolean endedBroken) {
        int generation = generation(state);
        long historyBit = 1L << (HISTORY_SHIFT + generation % HISTORY_LENGTH);
        long history = endedBroken ? state | historyBit : state & ~historyBit;
        return (history & ~0xFFFF_FFFFL) | (long) ((generation + 1) & 0xFFFF) << GENERATION_SHIFT;
    }
}
