package org.multiprocessing4j.internal.manager;

import java.util.concurrent.TimeUnit;

/**
 * The count of a {@link ServedQueue}'s elements put and not yet marked done, and the waits for
 * it to reach zero.
 */
final class UnfinishedTasks {

    private long count; // guarded by this

    /** Counts one more element, before it can be taken. */
    synchronized void add() {
        count++;
    }

    /** Takes back an {@link #add()} whose element was not put after all. */
    synchronized void cancel() {
        countDown();
    }

    /**
     * Counts one element done.
     *
     * @throws IllegalStateException if none is left to count done
     */
    synchronized void done() {
        if (count == 0) {
            throw new IllegalStateException("taskDone() called more times than there were items put");
        }
        countDown();
    }

    /**
     * Waits until the count is zero.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    synchronized void awaitNone() throws InterruptedException {
        while (count > 0) {
            wait();
        }
    }

    /**
     * Waits at most {@code nanos} until the count is zero.
     *
     * @param nanos the longest wait, at least 0
     * @return whether it is
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    synchronized boolean awaitNone(long nanos) throws InterruptedException {
        long start = System.nanoTime();
        while (count > 0) {
            long remaining = nanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    private void countDown() {
        if (--count == 0) {
            notifyAll();
        }
    }
}
