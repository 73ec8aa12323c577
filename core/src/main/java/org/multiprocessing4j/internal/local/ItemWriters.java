package org.multiprocessing4j.internal.local;

import static org.multiprocessing4j.internal.shm.ShareableListLayout.WRITER;

import java.util.concurrent.locks.LockSupport;
import org.multiprocessing4j.internal.shm.BlockMapping;
import org.multiprocessing4j.internal.sync.Owners;

/**
 * The writer words of a shareable list's items: the turns of the processes and threads that write
 * an item (see {@link org.multiprocessing4j.internal.shm.ShareableListLayout}).
 *
 * <p>Implementation note. A turn is one compare-and-set of the word from 0 to this process's
 * {@linkplain Owners owner word}, and ends with a volatile store of 0. Another thread of the same
 * process finds the word taken as any other process does, so the word alone makes every writer
 * wait; it names a process only so that a waiter can tell that the holder died. A writer holds a
 * turn for one copy into a slot, so a waiter spins, then yields, then sleeps
 * {@value #PAUSE_NANOS} ns at a time, and every {@value #LIVENESS_TURNS} tries checks whether the
 * holder's process is still running (a read of {@code /proc}), taking the word over with a
 * compare-and-set if it is not. A word lives in the list's own block, which may be attached by
 * processes that share nothing else with its creator, so it has no wait gate in a cell to sleep on.
 */
final class ItemWriters {

    private static final int SPINS = 64;
    private static final int YIELDS = 128;
    private static final long PAUSE_NANOS = 100_000;
    private static final int LIVENESS_TURNS = 256;

    private final BlockMapping block;

    ItemWriters(BlockMapping block) {
        this.block = block;
    }

    /** Takes the turn of the item whose record is at {@code record}, uninterruptibly. */
    void lock(long record) {
        long word = record + WRITER;
        boolean interrupted = false;
        for (int tries = 1;; tries++) {
            long holder = block.getLongVolatile(word);
            if (holder == 0 ? block.compareAndSetLong(word, 0, Owners.SELF)
                    : tries % LIVENESS_TURNS == 0 && Owners.isGone(holder)
                            && block.compareAndSetLong(word, holder, Owners.SELF)) {
                break;
            }
            if (tries < SPINS) {
                Thread.onSpinWait();
            } else if (tries < YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(PAUSE_NANOS);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the turn taken by {@link #lock}: everything written before is published with it. */
    void unlock(long record) {
        block.putLongVolatile(record + WRITER, 0);
    }
}
