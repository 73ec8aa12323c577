package org.multiprocessing4j.internal.shm;

import java.util.function.IntSupplier;

/**
 * A collection the library asks for, because garbage the collector does not weigh piles up
 * (mappings, cells of shared memory), as the JDK asks for one when direct buffers pass their limit.
 * What a collection frees comes back later, through reference queues and the cleaner's thread, so
 * the caller learns of it by watching a count.
 */
final class RequestedCollection {

    private static final int POLL_MILLIS = 10;
    private static final int QUIET_POLLS = 3;

    private RequestedCollection() {
    }

    /**
     * Asks for a collection, then waits while {@code freed} keeps growing: until it has not grown
     * for {@value #QUIET_POLLS} looks {@value #POLL_MILLIS} ms apart, or {@code maxMillis} have
     * passed, or the thread is interrupted (its flag stays set).
     *
     * @param freed what has been freed so far; each call may count in what came back
     * @param maxMillis the longest wait
     * @return how much {@code freed} grew
     */
    static int collect(IntSupplier freed, int maxMillis) {
        int before = freed.getAsInt();
        System.gc();
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        int now = freed.getAsInt();
        int quiet = 0;
        while (quiet < QUIET_POLLS && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            int last = now;
            now = freed.getAsInt();
            quiet = now > last ? 0 : quiet + 1;
        }
        return now - before;
    }
}
