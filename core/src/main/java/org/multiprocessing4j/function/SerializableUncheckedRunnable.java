package org.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A {@link Runnable} that can be sent to another process: the type a lambda or method reference
 * takes when it is written in a call of {@link org.multiprocessing4j.ProcessPool#execute} or
 * {@link org.multiprocessing4j.ProcessPool#submit(SerializableUncheckedRunnable)}, which makes it
 * serializable. Everything it captures must be serializable too.
 *
 * <p>As with {@link Runnable}, {@link #run()} throws no checked exception, so that this type is a
 * {@code Runnable} wherever one is expected. A pool task that throws checked exceptions is a
 * {@link SerializableCallable}; a process's target, which may throw any exception, is a
 * {@link SerializableRunnable}.
 */
@FunctionalInterface
public interface SerializableUncheckedRunnable extends Runnable, Serializable {
}
