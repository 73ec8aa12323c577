package org.multiprocessing4j.internal.pool;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.function.SerializableBiFunction;
import org.multiprocessing4j.function.SerializableFunction;

/**
 * Every task reaches a worker as a one-argument function; these adapt the other shapes. Each
 * captures only the user's task, so it serializes as well as that task does, and an unserializable
 * task is named in the error.
 */
public final class TaskFunctions {

    private TaskFunctions() {
    }

    /** Applies {@code function} to the two elements of a list. */
    @SuppressWarnings("unchecked")
    public static SerializableFunction<Object, Object> spread(SerializableBiFunction<?, ?, ?> function) {
        SerializableBiFunction<Object, Object, Object> f = (SerializableBiFunction<Object, Object, Object>) function;
        return pair -> f.apply(((List<?>) pair).get(0), ((List<?>) pair).get(1));
    }

    /**
     * Calls {@code task}, ignoring the argument.
     *
     * @throws UnserializableObjectException if the task's class is not serializable
     */
    public static SerializableFunction<Object, Object> call(Callable<?> task) {
        requireSerializable(task);
        return ignored -> task.call();
    }

    /**
     * Runs {@code task}, ignoring the argument; the result is {@code result}.
     *
     * @throws UnserializableObjectException if the task's class is not serializable
     */
    public static SerializableFunction<Object, Object> run(Runnable task, Object result) {
        requireSerializable(task);
        return ignored -> {
            task.run();
            return result;
        };
    }

    /**
     * Checks that a task of the {@code ExecutorService} methods, typed as a plain
     * {@link Runnable} or {@link Callable}, is serializable; the usual cause of one that is not is
     * a lambda typed so, which the message explains.
     */
    private static void requireSerializable(Object task) {
        if (!(Objects.requireNonNull(task, "task") instanceof Serializable)) {
            throw new UnserializableObjectException("task", task.getClass().getName(), "a pool's task must be:"
                    + " write it as a lambda in the call (pool.submit(() -> ...), pool.execute(() -> ...)) or where a"
                    + " SerializableCallable is expected, or implement java.io.Serializable in its class");
        }
    }
}
