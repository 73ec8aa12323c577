package org.multiprocessing4j.internal.shm;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.IntSupplier;

/**
 * A collection the library asks for, because garbage the collector does not weigh piles up
 * (mappings, cells of shared memory), as the JDK asks for one when direct buffers pass their limit.
 * What a collection frees comes back later, through reference queues and the cleaner's thread, so
 * the caller learns of it by watching a count. On a loaded machine the JDK's reference handler may
 * take well over the quiet time this waits for to get there (it unmaps each buffer on the way), so
 * the quiet time starts once a reference of its own, dropped just before the collection, has come
 * back. It also watches the cleaner: a copy's release gives up what only the next collection frees,
 * so that collection is made once the releases have stopped.
 */
final class RequestedCollection {

    private static final int POLL_MILLIS = 10;
    private static final int QUIET_POLLS = 3;

    private RequestedCollection() {
    }

    /**
     * Asks for a collection, then waits while {@code freed} or the releases of collected copies keep
     * growing: until, once the collection's references are being handed out, neither has grown for
     * {@value #QUIET_POLLS} looks {@value #POLL_MILLIS} ms apart, or {@code maxMillis} have passed,
     * or the thread is interrupted (its flag stays set).
     *
     * @param freed what has been freed so far; each call may count in what came back
     * @param maxMillis the longest wait
     * @return how much {@code freed} grew
     */
    static int collect(IntSupplier freed, int maxMillis) {
        int before = freed.getAsInt();
        ReferenceQueue<Object> processed = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), processed);
        System.gc();
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        int now = freed.getAsInt();
        int released = CopyCleaner.released();
        int quiet = 0;
        boolean started = false;
        while (quiet < QUIET_POLLS && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            int last = now;
            int lastReleased = released;
            now = freed.getAsInt();
            released = CopyCleaner.released();
            started |= processed.poll() != null;
            quiet = now > last || released != lastReleased ? 0 : started ? quiet + 1 : 0;
        }
        Reference.reachabilityFence(sentinel);
        return now - before;
    }
}
