package org.multiprocessing4j;

/**
 * What any process of a program can tell about itself or a relative: its name, its operating
 * system process id and whether it is a daemon.
 *
 * <p>Returned by {@link Multiprocessing#currentProcess()} and {@link Multiprocessing#parentProcess()};
 * every {@link ChildProcess} is one too.
 */
public interface ProcessIdentity {

    /**
     * The process's name: {@code "MainProcess"} for the process the program started in,
     * {@code "Process-N"} by default for the N-th child a process starts, and
     * {@code "Process-N:M"} for the M-th child of that child, as in Python.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * The operating system's id of the process.
     *
     * @return the pid
     * @throws IllegalStateException if this is a child that has not been started or is closed
     */
    long pid();

    /**
     * Whether the process is a daemon: a daemon child is terminated when its parent exits, and a
     * daemon may not start children.
     *
     * @return {@code true} for a daemon
     */
    boolean isDaemon();

    /**
     * Whether the process is running.
     *
     * @return {@code true} from a successful start until the process has exited
     */
    boolean isAlive();
}
