package org.multiprocessing4j;

/**
 * Told how a {@link ProcessPool}'s work advances: every few hundred milliseconds while tasks are
 * outstanding, and once more when the last one is done. Calls come from one pool thread, one at a
 * time, and should return quickly. {@link ConsoleProgressBar} is a ready one.
 *
 * @see ProcessPool.Builder#progress(ProgressListener)
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Reports progress.
     *
     * @param progress the counts since the pool was last idle
     */
    void progress(PoolProgress progress);
}
