package org.multiprocessing4j;

/**
 * Thrown by a call on a {@link Manager}'s proxy when its server cannot answer: the manager was
 * shut down, its server process died (even by {@code SIGKILL}), or the connection to it was lost.
 * The call may or may not have run in the server before it went; nothing is retried.
 *
 * <p>It is unchecked because proxies implement interfaces such as {@link java.util.Map} whose
 * methods declare no checked exceptions. A new manager can be started at any time.
 */
public class ManagerUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened to the server
     * @param cause what the connection reported, may be {@code null}
     */
    public ManagerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
