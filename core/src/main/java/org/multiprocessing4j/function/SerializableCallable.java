package org.multiprocessing4j.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to another process. A lambda passed where this type is
 * expected (for example to {@link org.multiprocessing4j.ProcessPool#submit(SerializableCallable)})
 * is serializable; everything it captures must be serializable too.
 *
 * @param <V> the type of the result
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {
}
