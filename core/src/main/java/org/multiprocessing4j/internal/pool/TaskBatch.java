package org.multiprocessing4j.internal.pool;

import java.util.concurrent.ScheduledFuture;

/**
 * Consecutive tasks of one job that travel to a worker as one message, with their arguments
 * already serialized (so that a bad argument fails in the caller, and a batch whose worker died
 * can be sent again as it is).
 */
final class TaskBatch {

    final PoolJob job;
    final long id;
    /** The index of the batch's first task in its job. */
    final long offset;
    final int size;
    final byte[] arguments;
    /** What {@code shutdownNow} hands back for a batch that never ran, or {@code null}. */
    final Runnable unstarted;

    // guarded by the engine's lock
    int deaths;
    long startedNanos;
    ScheduledFuture<?> deadline;

    TaskBatch(PoolJob job, long id, long offset, int size, byte[] arguments, Runnable unstarted) {
        this.job = job;
        this.id = id;
        this.offset = offset;
        this.size = size;
        this.arguments = arguments;
        this.unstarted = unstarted;
    }

    /** The most bytes this batch takes on a pipe: with its function, and the header. */
    long messageBytes() {
        return 32L + job.function.bytes().length + arguments.length;
    }

    @Override
    public String toString() {
        return "batch " + id + " (tasks " + offset + ".." + (offset + size - 1) + " of job " + job.id + ")";
    }
}
