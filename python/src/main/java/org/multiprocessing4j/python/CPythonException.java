package org.multiprocessing4j.python;

import java.util.List;

/**
 * A method of an object in a CPython manager's server raised an exception, or the server could
 * not run the call: Python's exception, as data, since no Python class is rebuilt here.
 *
 * <p>Where a Java interface says what a failure is, the proxies throw that instead: an
 * {@code IndexError} of a list is an {@link IndexOutOfBoundsException}, a {@code queue.Empty} a
 * {@code null} from {@code poll}.
 */
public class CPythonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final List<Object> pythonArgs;

    /**
     * @param pythonType the exception's module and name, such as {@code builtins.KeyError}, or
     *     {@code multiprocessing.managers.RemoteError} for a failure the server sent as a traceback
     * @param pythonArgs its arguments
     * @param message the message
     */
    public CPythonException(String pythonType, List<Object> pythonArgs, String message) {
        super(message);
        this.pythonType = pythonType;
        this.pythonArgs = List.copyOf(pythonArgs.stream().map(String::valueOf).toList());
    }

    /**
     * The type of Python's exception.
     *
     * @return its module and name, such as {@code builtins.KeyError}
     */
    public String pythonType() {
        return pythonType;
    }

    /**
     * The arguments of Python's exception, each as its {@code str()}.
     *
     * @return the arguments
     */
    public List<Object> pythonArgs() {
        return pythonArgs;
    }
}
