package org.multiprocessing4j;

/**
 * An exception thrown in another process whose own type could not be recreated here (its class is
 * missing, or it could not be serialized). It keeps the original type's name, message and stack
 * trace, and the same stand-ins for its causes and suppressed exceptions.
 */
public class RemoteTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    /**
     * Creates the exception.
     *
     * @param remoteClassName the name of the original exception's class
     * @param message the original message, may be {@code null}
     * @param stackTrace the original stack trace
     * @param cause the stand-in for the original cause, may be {@code null}
     */
    public RemoteTaskException(String remoteClassName, String message, StackTraceElement[] stackTrace,
            Throwable cause) {
        super(message, cause);
        this.remoteClassName = remoteClassName;
        setStackTrace(stackTrace);
    }

    /**
     * The name of the original exception's class.
     *
     * @return a binary class name
     */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** Prints like the original: its class name, then its message. */
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? remoteClassName : remoteClassName + ": " + message;
    }
}
