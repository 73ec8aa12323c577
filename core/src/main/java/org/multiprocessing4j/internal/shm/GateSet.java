package org.multiprocessing4j.internal.shm;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting until any of several things is ready, each announced on its own {@link WaitGate}, in
 * the shared memory of any process, or on a {@link WakeWord} of this process: what
 * {@code Connections.waitAny} is made of.
 *
 * <p>Implementation note. The waiting thread takes part in every gate's protocol as a sleeper of
 * that gate would (see "why nothing is slept through" in {@link WaitGate}): it reads each gate's
 * sequence, looks at what it waits for, announces a sleep on every gate (which sets each one's
 * contended flag), looks once more, then sleeps in one {@code futex_waitv} call on all the
 * sequences and the wake word together. A writer in any process wakes its one gate as it always
 * does, paying no more than for a single sleeper: it sees the flag, increments the sequence and
 * wakes the word, and that wakes this thread too. Each gate therefore keeps its own guarantee,
 * and the set has it for all of them.
 *
 * <p>A sleep lasts at most {@value #SLICE_MILLIS} ms, as a gate's sleeps do, and
 * {@value #PATIENT_SLICE_MILLIS} ms once the wait has lasted about a second: the caller's check of
 * readiness then also sees what no gate announces (a pipe whose writing process died), and an
 * interrupt is noticed. Each wake looks at every object waited on, so a thread blocked for long
 * wakes 10 times a second rather than 20.
 *
 * <p>Without {@code futex_waitv} (Linux before 5.16, another system, no futex at all) or with more
 * gates than it takes, the thread naps instead, as long as {@link WaitGate#napNanos} says, and
 * notices readiness when a nap ends.
 */
public final class GateSet {

    private static final long SLICE_NANOS = 50_000_000;
    private static final long SLICE_MILLIS = SLICE_NANOS / 1_000_000;
    private static final long PATIENT_SLICE_NANOS = 100_000_000;
    private static final long PATIENT_SLICE_MILLIS = PATIENT_SLICE_NANOS / 1_000_000;
    /** About a second of slices. */
    private static final int PATIENT_AFTER = 20;

    private GateSet() {
    }

    /**
     * Waits until {@code ready} holds, or {@code timeoutNanos} have passed.
     *
     * @param gates the gates woken when what {@code ready} looks at may have changed
     * @param local the word woken for changes made in this process
     * @param ready whether the wait is over; called after each wake-up, and at least every
     *     {@value #SLICE_MILLIS} ms
     * @param timeoutNanos the longest wait, or {@link WaitGate#FOREVER}
     * @return whether {@code ready} held; {@code false} if time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean await(List<WaitGate> gates, WakeWord local, BooleanSupplier ready, long timeoutNanos)
            throws InterruptedException {
        long deadline = timeoutNanos == WaitGate.FOREVER ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        boolean together = Futex.canAwaitMany() && gates.size() + 1 <= Futex.mostWords();
        long[] words = together ? new long[3 * (gates.size() + 1)] : null;
        if (together) {
            gates.forEach(WaitGate::enter);
        }
        try {
            for (int naps = 0;; naps++) {
                if (together) {
                    // read before the look at readiness: a change after the look changes them
                    observe(gates, local, words);
                }
                if (ready.getAsBoolean()) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (!together) {
                    LockSupport.parkNanos(Math.min(WaitGate.napNanos(naps), remaining));
                } else if (sleep(gates, words, ready,
                        Math.min(remaining, naps < PATIENT_AFTER ? SLICE_NANOS : PATIENT_SLICE_NANOS))) {
                    return true;
                }
            }
        } finally {
            if (together) {
                gates.forEach(WaitGate::leave);
            }
        }
    }

    /** Each word's expected value and address, the gates' then the local word's. */
    private static void observe(List<WaitGate> gates, WakeWord local, long[] words) {
        for (int i = 0; i < gates.size(); i++) {
            words[3 * i] = Integer.toUnsignedLong(gates.get(i).observe());
            words[3 * i + 1] = gates.get(i).sequenceAddress();
        }
        words[3 * gates.size()] = Integer.toUnsignedLong(local.observe());
        words[3 * gates.size() + 1] = local.address();
    }

    /** Announces a sleep on every gate and sleeps, unless ready meanwhile; returns whether it was. */
    private static boolean sleep(List<WaitGate> gates, long[] words, BooleanSupplier ready, long nanos) {
        gates.forEach(WaitGate::announceSleep);
        try {
            // a writer that changed something before it could see the contended flags is seen here
            if (ready.getAsBoolean()) {
                return true;
            }
            Futex.awaitMany(words, gates.size() + 1, nanos);
            return false;
        } finally {
            gates.forEach(WaitGate::endSleep);
        }
    }
}
