package org.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A task without arguments or result that can be sent to another process.
 *
 * <p>Unlike {@link Runnable}, {@link #run()} may throw any exception, as a Python target may raise:
 * when it runs in a child process the exception is printed on the child's standard error, the
 * child exits with code 1, and the parent can read the exception with its stack trace.
 *
 * <p>A lambda or method reference assigned to this type is serializable; everything it captures
 * must be serializable too.
 */
@FunctionalInterface
public interface SerializableRunnable extends Serializable {
    /**
     * Runs the task.
     *
     * @throws Exception if the task fails
     */
    void run() throws Exception;
}
