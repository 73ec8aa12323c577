package org.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A function that can be sent to another process, the serializable twin of
 * {@link java.util.function.Function} whose {@link #apply} may throw any exception: what a
 * {@link org.multiprocessing4j.ProcessPool} maps over its inputs.
 *
 * @param <T> the type of the argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {
    /**
     * Applies the function to {@code value}.
     *
     * @param value the argument
     * @return the result
     * @throws Exception if the function fails
     */
    R apply(T value) throws Exception;
}
