package org.multiprocessing4j;

import java.util.function.DoubleUnaryOperator;

/**
 * A {@code double} in memory shared by processes, updated atomically: Python's {@code Value('d')}.
 * See {@link SharedValue} for what holds across processes.
 *
 * <p>{@link #compareAndSet} compares the bits of the values ({@link Double#doubleToRawLongBits}),
 * as a compare-and-set instruction does, not {@code ==}: {@code 0.0} and {@code -0.0} differ, and
 * a {@code NaN} matches the same {@code NaN}. Additions and updates are compare-and-set loops, so
 * each addition is rounded once, as {@code x += delta} would be, whatever the other processes do.
 *
 * @see ProcessContext#sharedDouble(double)
 */
public interface SharedDouble extends SharedValue {

    /**
     * The value, with the memory effects of a volatile read.
     *
     * @return the value
     */
    double get();

    /**
     * Sets the value, with the memory effects of a volatile write.
     *
     * @param value the new value
     */
    void set(double value);

    /**
     * Sets the value atomically and returns the old one.
     *
     * @param value the new value
     * @return the old value
     */
    double getAndSet(double value);

    /**
     * Sets the value to {@code value} if its bits are those of {@code expected}, atomically.
     *
     * @param expected the value it must have
     * @param value the new value
     * @return whether it was set
     */
    boolean compareAndSet(double expected, double value);

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the old value
     */
    default double getAndAdd(double delta) {
        return getAndUpdate(old -> old + delta);
    }

    /**
     * Adds {@code delta} atomically.
     *
     * @param delta what to add
     * @return the new value
     */
    default double addAndGet(double delta) {
        return updateAndGet(old -> old + delta);
    }

    /**
     * Replaces the value with {@code function} of it, atomically: the function runs in this
     * process, again if the value changed meanwhile.
     *
     * @param function what the new value is, from the old; without side effects
     * @return the old value
     */
    default double getAndUpdate(DoubleUnaryOperator function) {
        double old;
        do {
            old = get();
        } while (!compareAndSet(old, function.applyAsDouble(old)));
        return old;
    }

    /**
     * Replaces the value with {@code function} of it, atomically, as {@link #getAndUpdate}.
     *
     * @param function what the new value is, from the old; without side effects
     * @return the new value
     */
    default double updateAndGet(DoubleUnaryOperator function) {
        double old;
        double value;
        do {
            old = get();
            value = function.applyAsDouble(old);
        } while (!compareAndSet(old, value));
        return value;
    }
}
