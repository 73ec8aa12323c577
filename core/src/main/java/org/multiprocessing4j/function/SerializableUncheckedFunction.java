package org.multiprocessing4j.function;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to another process: the type a lambda or method reference
 * takes in {@link org.multiprocessing4j.ManagedMap#computeIfAbsent(Object, SerializableUncheckedFunction)},
 * which makes it serializable. Everything it captures must be serializable too.
 *
 * <p>As with {@link Function}, {@link #apply} throws no checked exception, so that this type is a
 * {@code Function} wherever one is expected.
 *
 * @param <T> the type of the argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface SerializableUncheckedFunction<T, R> extends Function<T, R>, Serializable {
}
