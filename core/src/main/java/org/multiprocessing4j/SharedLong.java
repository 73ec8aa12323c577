package org.multiprocessing4j;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A {@code long} in memory shared by processes, updated atomically: Python's {@code Value('q')}
 * with the methods of {@link java.util.concurrent.atomic.AtomicLong}. See {@link SharedValue} for
 * what holds across processes.
 *
 * <pre>{@code
 * SharedLong hits = Multiprocessing.sharedLong(0);
 * Multiprocessing.process(() -> hits.incrementAndGet()).start();
 * }</pre>
 *
 * @see ProcessContext#sharedLong(long)
 */
public interface SharedLong extends SharedValue {

    /**
     * The value, with the memory effects of a volatile read.
     *
     * @return the value
     */
    long get();

    /**
     * Sets the value, with the memory effects of a volatile write.
     *
     * @param value the new value
     */
    void set(long value);

    /**
     * Sets the value atomically and returns the old one.
     *
     * @param value the new value
     * @return the old value
     */
    long getAndSet(long value);

    /**
     * Sets the value to {@code value} if it is {@code expected}, atomically.
     *
     * @param expected the value it must have
     * @param value the new value
     * @return whether it was set: {@code false} if the value was not {@code expected}
     */
    boolean compareAndSet(long expected, long value);

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the old value
     */
    long getAndAdd(long delta);

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the new value
     */
    default long addAndGet(long delta) {
        return getAndAdd(delta) + delta;
    }

    /**
     * Adds 1 atomically.
     *
     * @return the old value
     */
    default long getAndIncrement() {
        return getAndAdd(1);
    }

    /**
     * Subtracts 1 atomically.
     *
     * @return the old value
     */
    default long getAndDecrement() {
        return getAndAdd(-1);
    }

    /**
     * Adds 1 atomically.
     *
     * @return the new value
     */
    default long incrementAndGet() {
        return getAndAdd(1) + 1;
    }

    /**
     * Subtracts 1 atomically.
     *
     * @return the new value
     */
    default long decrementAndGet() {
        return getAndAdd(-1) - 1;
    }

    /**
     * Replaces the value with {@code function} of it, atomically: the function runs in this
     * process, again if the value changed meanwhile.
     *
     * @param function what the new value is, from the old; without side effects
     * @return the old value
     */
    default long getAndUpdate(LongUnaryOperator function) {
        long old;
        do {
            old = get();
        } while (!compareAndSet(old, function.applyAsLong(old)));
        return old;
    }

    /**
     * Replaces the value with {@code function} of it, atomically, as {@link #getAndUpdate}.
     *
     * @param function what the new value is, from the old; without side effects
     * @return the new value
     */
    default long updateAndGet(LongUnaryOperator function) {
        long old;
        long value;
        do {
            old = get();
            value = function.applyAsLong(old);
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
    default long getAndAccumulate(long x, LongBinaryOperator function) {
        return getAndUpdate(old -> function.applyAsLong(old, x));
    }

    /**
     * Replaces the value with {@code function} of it and {@code x}, atomically, as
     * {@link #getAndUpdate}.
     *
     * @param x the function's second argument
     * @param function what the new value is, from the old and {@code x}; without side effects
     * @return the new value
     */
    default long accumulateAndGet(long x, LongBinaryOperator function) {
        return updateAndGet(old -> function.applyAsLong(old, x));
    }
}
