package org.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A one-argument task that can be sent to another process, the serializable twin of
 * {@link java.util.function.Consumer} whose {@link #accept} may throw any exception.
 *
 * @param <T> the type of the argument
 */
@FunctionalInterface
public interface SerializableConsumer<T> extends Serializable {
    /**
     * Runs the task on {@code value}.
     *
     * @param value the argument
     * @throws Exception if the task fails
     */
    void accept(T value) throws Exception;
}
