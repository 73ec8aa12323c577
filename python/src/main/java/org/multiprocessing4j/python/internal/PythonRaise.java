package org.multiprocessing4j.python.internal;

/**
 * An exception for a CPython peer to raise, written into a pickle as CPython writes one: the
 * exception's class as a global, applied to its message. Only what this library writes itself.
 *
 * @param module the class's module, such as {@code builtins} or {@code queue}
 * @param name its name, such as {@code KeyError}
 * @param message its one argument
 */
public record PythonRaise(String module, String name, Object message) {
}
