package org.multiprocessing4j;

import java.nio.DoubleBuffer;
import java.util.function.DoubleUnaryOperator;

/**
 * An array of {@code double}s in memory shared by processes, each updated atomically: Python's
 * {@code Array('d', n)}. See {@link SharedArray} for what holds across processes.
 *
 * <p>As {@link SharedDouble#compareAndSet} does, {@link #compareAndSet} compares the bits of the
 * values, and additions and updates are compare-and-set loops.
 *
 * @see ProcessContext#sharedDoubleArray(int)
 */
public interface SharedDoubleArray extends SharedArray {


    /**
     * Element {@code index}, with the memory effects of a volatile read.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    double get(int index);

    /**
     * Sets element {@code index}, with the memory effects of a volatile write.
     *
     * @param index from 0 to {@code length() - 1}
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    void set(int index, double value);

    /**
     * Element {@code index}, read as a plain field is: not ordered with the accesses around it,
     * so it need not see another process's write until something orders the two (a lock, a
     * queue, a barrier, {@code join}), as {@link java.util.concurrent.atomic.AtomicLongArray#getPlain}.
     * The fastest read of one element, for loops over many: on Java 17 such a loop takes about
     * half the time of one over the {@linkplain #asBuffer() buffer view}; on Java 25 the two
     * take the same.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default double getPlain(int index) {
        return get(index);
    }

    /**
     * Sets element {@code index} as a plain field is written: not ordered with the accesses
     * around it, as {@link java.util.concurrent.atomic.AtomicLongArray#setPlain}. The fastest
     * write of one element, for loops over many.
     *
     * @param index from 0 to {@code length() - 1}
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default void setPlain(int index, double value) {
        set(index, value);
    }

    /**
     * Sets element {@code index} atomically and returns its old value.
     *
     * @param index from 0 to {@code length() - 1}
     * @param value the new value
     * @return the old value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    double getAndSet(int index, double value);

    /**
     * Sets element {@code index} to {@code value} if its bits are those of {@code expected},
     * atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @param expected the value it must have
     * @param value the new value
     * @return whether it was set
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    boolean compareAndSet(int index, double expected, double value);

    /**
     * Adds {@code delta} to element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @param delta what to add
     * @return the old value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default double getAndAdd(int index, double delta) {
        return getAndUpdate(index, old -> old + delta);
    }

    /**
     * Adds {@code delta} to element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @param delta what to add
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default double addAndGet(int index, double delta) {
        return updateAndGet(index, old -> old + delta);
    }

    /**
     * Replaces element {@code index} with {@code function} of it, atomically: the function runs in
     * this process, again if the element changed meanwhile.
     *
     * @param index from 0 to {@code length() - 1}
     * @param function what the new value is, from the old; without side effects
     * @return the old value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default double getAndUpdate(int index, DoubleUnaryOperator function) {
        double old;
        do {
            old = get(index);
        } while (!compareAndSet(index, old, function.applyAsDouble(old)));
        return old;
    }

    /**
     * Replaces element {@code index} with {@code function} of it, atomically, as
     * {@link #getAndUpdate}.
     *
     * @param index from 0 to {@code length() - 1}
     * @param function what the new value is, from the old; without side effects
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default double updateAndGet(int index, DoubleUnaryOperator function) {
        double old;
        double value;
        do {
            old = get(index);
            value = function.applyAsDouble(old);
        } while (!compareAndSet(index, old, value));
        return value;
    }

    /**
     * Copies {@code length} elements from {@code index} on into {@code target} from
     * {@code offset} on, with plain reads, as {@link System#arraycopy} would.
     *
     * @param index the first element copied
     * @param target where they go
     * @param offset where the first goes in {@code target}
     * @param length how many
     * @throws IndexOutOfBoundsException if either range is out of its array
     */
    void copyTo(int index, double[] target, int offset, int length);

    /**
     * Copies {@code length} elements of {@code source} from {@code offset} on into this array from
     * {@code index} on, with plain writes, as {@link System#arraycopy} would.
     *
     * @param source what to copy
     * @param offset the first element of {@code source} copied
     * @param index where it goes in this array
     * @param length how many
     * @throws IndexOutOfBoundsException if either range is out of its array
     */
    void copyFrom(double[] source, int offset, int index, int length);

    /**
     * Sets every element to {@code value}, with plain writes.
     *
     * @param value the value
     */
    void fill(double value);

    /**
     * A copy of the elements, made with plain reads.
     *
     * @return a new array of {@link #length()} elements
     */
    default double[] toArray() {
        double[] copy = new double[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    /**
     * A view of the shared memory itself, for loops over many elements: reads and writes through
     * it are the array's, plain accesses, in the platform's byte order.
     *
     * @return a new buffer, at position 0, with {@link #length()} as its limit and capacity
     */
    DoubleBuffer asBuffer();

}
