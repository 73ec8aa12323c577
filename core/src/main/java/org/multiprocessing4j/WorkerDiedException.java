package org.multiprocessing4j;

/**
 * A pool's worker process ended while it held a task: killed, crashed, or exited from inside the
 * task. The task fails with this exception (the cause of an
 * {@link java.util.concurrent.ExecutionException}, or of the
 * {@link java.util.concurrent.CompletionException} that a blocking call such as
 * {@link ProcessPool#map} throws); the pool starts another worker and goes on. Python's pool would
 * hang instead.
 *
 * <p>Also the failure of every task when a worker's initializer throws: the cause is then the
 * initializer's exception, and the pool shuts down, since every worker would fail the same way.
 */
public class WorkerDiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String workerName;
    private final long pid;
    private final Integer exitCode;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param workerName the worker's process name
     * @param pid the worker's process id
     * @param exitCode its exit code (minus the signal's number when a signal ended it), or
     *     {@code null} if unknown
     * @param cause the initializer's exception, or {@code null}
     */
    public WorkerDiedException(String message, String workerName, long pid, Integer exitCode, Throwable cause) {
        super(message, cause);
        this.workerName = workerName;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** The worker's process name, such as {@code PoolWorker-3}. */
    public String workerName() {
        return workerName;
    }

    /** The worker's process id. */
    public long pid() {
        return pid;
    }

    /**
     * The worker's exit code, as {@link ChildProcess#exitCode()} gives it: {@code -9} after
     * {@code SIGKILL}.
     *
     * @return the code, or {@code null} if it is unknown
     */
    public Integer exitCode() {
        return exitCode;
    }
}
