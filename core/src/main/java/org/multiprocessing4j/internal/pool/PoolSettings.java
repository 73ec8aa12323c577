package org.multiprocessing4j.internal.pool;

import java.time.Duration;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProgressListener;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;

/**
 * How a pool was configured.
 *
 * @param context starts the workers
 * @param processes how many workers
 * @param initializer run once by each worker, or {@code null}
 * @param maxTasksPerChild batches a worker runs before it is replaced, 0 for no limit
 * @param taskTimeout the longest a task may run, or {@code null}
 * @param retries how many times a task whose worker died is run again
 * @param failFast whether a call fails at its first failed task, or runs the others first
 * @param serializer for functions, arguments and results
 * @param progress told of progress, or {@code null}
 * @param jvmOptions the workers' JVM options
 */
public record PoolSettings(ProcessContext context, int processes, SerializableRunnable initializer,
        int maxTasksPerChild, Duration taskTimeout, int retries, boolean failFast, Serializer serializer,
        ProgressListener progress, String[] jvmOptions) {
}
