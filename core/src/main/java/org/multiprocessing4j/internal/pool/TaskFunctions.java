package org.multiprocessing4j.internal.pool;

import java.util.List;
import java.util.concurrent.Callable;
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

    /** Calls {@code task}, ignoring the argument. */
    public static SerializableFunction<Object, Object> call(Callable<?> task) {
        return ignored -> task.call();
    }

    /** Runs {@code task}, ignoring the argument; the result is {@code result}. */
    public static SerializableFunction<Object, Object> run(Runnable task, Object result) {
        return ignored -> {
            task.run();
            return result;
        };
    }
}
