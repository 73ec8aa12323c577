package org.multiprocessing4j;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * An {@code int} in memory shared by processes, updated atomically: Python's {@code Value('i')}
 * with the methods of {@link java.util.concurrent.atomic.AtomicInteger}. See {@link SharedValue}
 * for what holds across processes.
 *
 * <pre>{@code
 * SharedInt hits = Multiprocessing.sharedInt(0);
 * Multiprocessing.process(() -> hits.incrementAndGet()).start();
 * }</pre>
 *
 * @see ProcessContext#sharedInt(int)
 */
public interface SharedInt extends SharedValue {

    /**
     * The value, with the memory effects of a volatile read.
     *
     * @return the value
     */
    int get();

    /**
     * Sets the value, with the memory effects of a volatile write.
     *
     * @param value the new value
     */
    void set(int value);

    /**
     * Sets the value atomically and returns the old one.
     *
     * @param value the new value
     * @return the old value
     */
    int getAndSet(int value);

    /**
     * Sets the value to {@code value} if it is {@code expected}, atomically.
     *
     * @param expected the value it must have
     * @param value the new value
     * @return whether it was set: {@code false} if the value was not {@code expected}
     */
    boolean compareAndSet(int expected, int value);

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the old value
     */
    int getAndAdd(int delta);

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the new value
     */
    default int addAndGet(int delta) {
        return getAndAdd(delta) + delta;
    }

    /**
     * Adds 1 atomically.
     *
     * @return the old value
     */
    default int getAndIncrement() {
        return getAndAdd(1);
    }

    /**
     * Subtracts 1 atomically.
     *
     * @return the old value
     */
    default int getAndDecrement() {
        return getAndAdd(-1);
    }

    /**
     * Adds 1 atomically.
     *
     * @return the new value
     */
    default int incrementAndGet() {
        return getAndAdd(1) + 1;
    }

    /**
     * Subtracts 1 atomically.
     *
     * @return the new value
     */
    default int decrementAndGet() {
        return getAndAdd(-1) - 1;
    }

    /**
     * Replaces the value with {@code function} of it, atomically: the function runs in this
     * process, again if the value changed meanwhile.
     *
     * @param function what the new value is, from the old; without side effects
     * @return the old value
     */
    default int getAndUpdate(IntUnaryOperator function) {
        int old;
        do {
            old = get();
        } while (!compareAndSet(old, function.applyAsInt(old)));
        return old;
    }

    /**
     * Replaces the value with {@code function} of it, atomically, as {@link #getAndUpdate}.
     *
     * @param function what the new value is, from the old; without side effects
     * @return the new value
     */
    default int updateAndGet(IntUnaryOperator function) {
        int old;
        int value;
        do {
            old = get();
            value = function.applyAsInt(old);
        } while (!compareAndSet(old, value));
        return value;
    }

    /**
     * Replaces the value with {@code function} of it and {@code x}, atomically, as
     * {@link #getAndUpdate}.
     *
     * @param x the function's second argument
     * @param function what the new value is, from the old and {@code x}; without side effects
     * @return the old value
     */
    default int getAndAccumulate(int x, IntBinaryOperator function) {
        return getAndUpdate(old -> function.applyAsInt(old, x));
    }

    /**
     * Replaces the value with {@code function} of it and {@code x}, atomically, as
     * {@link #getAndUpdate}.
     *
     * @param x the function's second argument
     * @param function what the new value is, from the old and {@code x}; without side effects
     * @return the new value
     */
    default int accumulateAndGet(int x, IntBinaryOperator function) {
        return updateAndGet(old -> function.applyAsInt(old, x));
    }
}
