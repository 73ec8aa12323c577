package org.multiprocessing4j.internal.manager;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessSemaphore;

/**
 * The server's {@link ProcessSemaphore}: a non-fair {@link Semaphore}, with an optional bound.
 *
 * <p>Implementation note: {@code Semaphore} cannot release only if the permits stay within a
 * bound, so releases are serialized by a monitor here. That is enough: while no other release
 * runs, the permits can only fall between the check and the release, and the check stays true.
 * The same check keeps an unbounded semaphore from overflowing, which {@code Semaphore} reports
 * as an {@link Error}.
 */
final class ServedSemaphore implements ProcessSemaphore {

    private final Semaphore permits;
    /** The most permits a bounded semaphore holds; {@link Integer#MAX_VALUE} for an unbounded one. */
    private final int limit;
    private final boolean bounded;
    private final Object releases = new Object();

    /**
     * A new semaphore.
     *
     * @param permits the permits it starts with
     * @param bounded whether it refuses to hold more than {@code permits}
     * @throws IllegalArgumentException if {@code permits} is negative, or 0 for a bounded one
     */
    ServedSemaphore(int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("negative permits: " + permits);
        }
        if (bounded && permits == 0) {
            throw new IllegalArgumentException("a bounded semaphore needs at least one permit");
        }
        this.permits = new Semaphore(permits);
        this.limit = bounded ? permits : Integer.MAX_VALUE;
        this.bounded = bounded;
    }

    @Override
    public void acquire(int count) throws InterruptedException {
        permits.acquire(requirePositive(count));
    }

    @Override
    public boolean tryAcquire(int count) {
        return permits.tryAcquire(requirePositive(count));
    }

    @Override
    public boolean tryAcquire(int count, long timeout, TimeUnit unit) throws InterruptedException {
        return permits.tryAcquire(requirePositive(count), timeout, unit);
    }

    @Override
    public void release(int count) {
        requirePositive(count);
        synchronized (releases) {
            int available = permits.availablePermits();
            if (available > limit - count) {
                throw new IllegalStateException(bounded
                        ? "the semaphore is released too many times: " + available + " + " + count
                                + " permits exceed its bound of " + limit
                        : "the semaphore's permit count would overflow");
            }
            permits.release(count);
        }
    }

    @Override
    public int availablePermits() {
        return permits.availablePermits();
    }

    @Override
    public boolean isBounded() {
        return bounded;
    }

    @Override
    public String toString() {
        return "ProcessSemaphore[permits=" + availablePermits() + (bounded ? ", bound=" + limit : "") + "]";
    }

    private static int requirePositive(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("permits must be positive: " + count);
        }
        return count;
    }
}
