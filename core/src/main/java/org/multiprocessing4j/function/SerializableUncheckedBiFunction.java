package org.multiprocessing4j.function;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that can be sent to another process: the type a lambda or method reference
 * such as {@code Integer::sum} takes in
 * {@link org.multiprocessing4j.ManagedMap#merge(Object, Object, SerializableUncheckedBiFunction)},
 * which makes it serializable. Everything it captures must be serializable too.
 *
 * <p>As with {@link BiFunction}, {@link #apply} throws no checked exception, so that this type is
 * a {@code BiFunction} wherever one is expected.
 *
 * @param <T> the type of the first argument
 * @param <U> the type of the second argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface SerializableUncheckedBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {
}
