package org.multiprocessing4j;

/**
 * Thrown in the sending process when something that must cross to another process (a target, an
 * argument, a captured variable) cannot be serialized. Nothing has been sent or started.
 */
public class UnserializableObjectException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String className;

    /**
     * Creates the exception.
     *
     * @param what what was being serialized, such as {@code "target of Process-1"}
     * @param className the name of the class that cannot be serialized
     * @param cause the serializer's exception
     */
    public UnserializableObjectException(String what, String className, Throwable cause) {
        super("cannot serialize the " + what + ": " + className + " is not serializable", cause);
        this.className = className;
    }

    /**
     * Creates the exception with advice on what to do about it.
     *
     * @param what what was being serialized, such as {@code "task"}
     * @param className the name of the class that cannot be serialized
     * @param advice what the caller can do, appended to the message
     */
    public UnserializableObjectException(String what, String className, String advice) {
        super("cannot serialize the " + what + ": " + className + " is not serializable; " + advice);
        this.className = className;
    }

    /**
     * The class that cannot be serialized.
     *
     * @return its binary name
     */
    public String className() {
        return className;
    }
}
