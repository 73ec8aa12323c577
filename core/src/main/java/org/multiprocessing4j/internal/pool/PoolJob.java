package org.multiprocessing4j.internal.pool;

import java.util.List;

/**
 * One call on a pool (a {@code map}, an {@code imap}, a {@code submit}): its function, serialized
 * once, and what to do with each batch's outcome. Outcomes arrive on the reader threads of the
 * workers, in any order.
 */
abstract class PoolJob {

    final long id;
    final EncodedFunction function;

    PoolJob(long id, EncodedFunction function) {
        this.id = id;
        this.function = function;
    }

    /**
     * Every task of {@code batch} returned.
     *
     * @param batch the batch
     * @param results one per task, in order
     */
    abstract void completed(TaskBatch batch, List<?> results);

    /**
     * Task {@code index} of {@code batch} failed; the tasks before it returned, the tasks after it
     * did not run.
     *
     * @param batch the batch
     * @param index the task that failed, from 0
     * @param before the results of the tasks before it
     * @param failure why it failed
     */
    abstract void failed(TaskBatch batch, int index, List<?> before, Throwable failure);

    /** Whether the job wants no more outcomes: its batches not sent yet are dropped. */
    abstract boolean isFinished();
}
