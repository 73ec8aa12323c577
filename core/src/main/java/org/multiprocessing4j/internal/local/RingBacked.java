package org.multiprocessing4j.internal.local;

import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.spi.Waitable;

/** A local pipe end or queue, as {@link RingWaiter} sleeps on it: through the ring it reads. */
interface RingBacked extends Waitable {

    /**
     * The ring this object receives from.
     *
     * @return the ring, or {@code null} for an end that cannot receive
     */
    MessageRing readRing();

    @Override
    default RingWaiter waiter() {
        return RingWaiter.INSTANCE;
    }
}
