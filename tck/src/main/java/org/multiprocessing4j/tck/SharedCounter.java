package org.multiprocessing4j.tck;

import java.io.Serializable;
import java.util.function.Function;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * A shared number that processes count up, seen as a {@code long}: how the contracts of shared
 * values and arrays count with every type and every atomic method in one test.
 *
 * @param increment adds 1, in any process
 * @param total the count so far
 */
record SharedCounter(SerializableRunnable increment, SerializableCallable<Long> total) implements Serializable {

    /** One way of counting, made with the context under test. */
    interface Factory extends Function<ProcessContext, SharedCounter> {
    }
}
