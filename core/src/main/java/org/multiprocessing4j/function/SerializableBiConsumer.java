package org.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A two-argument task that can be sent to another process, the serializable twin of
 * {@link java.util.function.BiConsumer} whose {@link #accept} may throw any exception.
 *
 * @param <T> the type of the first argument
 * @param <U> the type of the second argument
 */
@FunctionalInterface
public interface SerializableBiConsumer<T, U> extends Serializable {
    /**
     * Runs the task on {@code first} and {@code second}.
     *
     * @param first the first argument
     * @param second the second argument
     * @throws Exception if the task fails
     */
    void accept(T first, U second) throws Exception;
}
