package org.multiprocessing4j.python.internal;

import java.util.List;
import java.util.Set;

/**
 * An exception a CPython manager's server sent back, as data: its type's qualified name and its
 * arguments. Only the exceptions of Python's builtins and of {@code queue} are read so.
 *
 * @param type the exception's module and name, such as {@code builtins.KeyError}
 * @param args its arguments
 */
public record RaisedInPython(String type, List<Object> args) {

    private static final Set<String> BUILTIN = Set.of("ArithmeticError", "AssertionError", "AttributeError",
            "BaseException", "BrokenPipeError", "BufferError", "ConnectionError", "EOFError", "Exception",
            "FileExistsError", "FileNotFoundError", "FloatingPointError", "ImportError", "IndexError",
            "InterruptedError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError",
            "NameError", "NotImplementedError", "OSError", "OverflowError", "PermissionError", "RecursionError",
            "ReferenceError", "RuntimeError", "StopIteration", "SystemError", "TimeoutError", "TypeError",
            "UnboundLocalError", "UnicodeError", "ValueError", "ZeroDivisionError");

    /**
     * The name a type is known by: {@code queue.Empty} for the {@code _queue.Empty} that CPython's
     * C module defines and {@code queue} exports.
     */
    static String typeName(String module, String name) {
        return (module.equals("_queue") ? "queue" : module.equals("__builtin__") || module.equals("exceptions")
                ? "builtins" : module) + "." + name;
    }

    /** Whether {@code module.name} is one of the exceptions read as data. */
    static boolean isException(String module, String name) {
        return switch (module) {
            case "builtins", "__builtin__", "exceptions" -> BUILTIN.contains(name);
            case "queue", "_queue" -> name.equals("Empty") || name.equals("Full");
            default -> false;
        };
    }

    /** The exception's name without its module: {@code KeyError}. */
    public String name() {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** Python's {@code str()} of it, near enough: its single argument, or its arguments. */
    public String message() {
        return args.size() == 1 ? String.valueOf(args.get(0)) : args.toString();
    }
}
