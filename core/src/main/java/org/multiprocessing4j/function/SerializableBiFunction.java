package org.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A two-argument function that can be sent to another process, the serializable twin of
 * {@link java.util.function.BiFunction} whose {@link #apply} may throw any exception: what
 * {@link org.multiprocessing4j.ProcessPool#starmap} applies to pairs.
 *
 * @param <T> the type of the first argument
 * @param <U> the type of the second argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends Serializable {
    /**
     * Applies the function to {@code first} and {@code second}.
     *
     * @param first the first argument
     * @param second the second argument
     * @return the result
     * @throws Exception if the function fails
     */
    R apply(T first, U second) throws Exception;
}
