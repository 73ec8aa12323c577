package org.multiprocessing4j;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a pool's work has come since the pool was last idle (since its first task, or since
 * every task submitted before was done). A task is one item of a {@code map} or {@code imap}, or
 * one {@code submit} or {@code apply}; counts move when a worker answers, which for a chunked
 * {@code map} is a chunk at a time.
 *
 * @param submitted tasks handed to the pool
 * @param completed tasks that returned a result
 * @param failed tasks that threw, timed out, were cancelled or lost their worker
 * @param elapsed time since the first of these tasks was submitted
 * @param tasksPerSecond the recent rate at which tasks end
 */
public record PoolProgress(long submitted, long completed, long failed, Duration elapsed, double tasksPerSecond) {

    /** Tasks submitted and not ended yet. */
    public long outstanding() {
        return submitted - completed - failed;
    }

    /** Whether every task submitted has ended. */
    public boolean isDone() {
        return outstanding() == 0;
    }

    /**
     * The time the outstanding tasks should take at the recent rate.
     *
     * @return the estimate; empty while no rate is known yet
     */
    public Optional<Duration> remaining() {
        if (isDone()) {
            return Optional.of(Duration.ZERO);
        }
        if (!(tasksPerSecond > 0)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) (outstanding() / tasksPerSecond * 1e9)));
    }
}
