package org.multiprocessing4j;

/**
 * A {@code boolean} in memory shared by processes, updated atomically: Python's
 * {@code Value(ctypes.c_bool)} with the methods of
 * {@link java.util.concurrent.atomic.AtomicBoolean}. See {@link SharedValue} for what holds across
 * processes.
 *
 * @see ProcessContext#sharedBoolean(boolean)
 */
public interface SharedBoolean extends SharedValue {

    /**
     * The value, with the memory effects of a volatile read.
     *
     * @return the value
     */
    boolean get();

    /**
     * Sets the value, with the memory effects of a volatile write.
     *
     * @param value the new value
     */
    void set(boolean value);

    /**
     * Sets the value atomically and returns the old one.
     *
     * @param value the new value
     * @return the old value
     */
    boolean getAndSet(boolean value);

    /**
     * Sets the value to {@code value} if it is {@code expected}, atomically.
     *
     * @param expected the value it must have
     * @param value the new value
     * @return whether it was set
     */
    boolean compareAndSet(boolean expected, boolean value);
}
