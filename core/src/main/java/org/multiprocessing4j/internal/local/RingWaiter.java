package org.multiprocessing4j.internal.local;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.shm.GateSet;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.shm.WakeWord;
import org.multiprocessing4j.spi.Waitable;
import org.multiprocessing4j.spi.Waiter;

/**
 * The local backend's {@link Waiter}: sleeps on the data gates of the rings that local pipe ends
 * and queues read, all at once, and on a word of this process that {@link #wakeUp()} changes. In
 * one {@code futex_waitv} call where the kernel has it (Linux 5.16 and later), otherwise in naps
 * of 50 µs growing to 10 ms (see {@link GateSet} and decision 0012). A pipe end whose writing
 * process died without closing it is noticed when a sleep ends, within about 100 ms.
 */
final class RingWaiter implements Waiter {

    /** The one waiter of the local backend. */
    static final RingWaiter INSTANCE = new RingWaiter();

    private final WakeWord wakeUps = new WakeWord();

    private RingWaiter() {
    }

    @Override
    public boolean await(List<? extends Waitable> objects, BooleanSupplier ready, long timeoutNanos)
            throws InterruptedException {
        List<WaitGate> gates = new ArrayList<>(objects.size());
        for (Waitable object : objects) {
            MessageRing ring = ((RingBacked) object).readRing();
            if (ring != null) {
                gates.add(ring.dataGate());
            }
        }
        long timeout = timeoutNanos == Long.MAX_VALUE ? WaitGate.FOREVER : timeoutNanos;
        return GateSet.await(gates, wakeUps, ready, timeout);
    }

    @Override
    public void wakeUp() {
        wakeUps.wake();
    }
}
