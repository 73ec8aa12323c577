package org.multiprocessing4j;

import java.nio.IntBuffer;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * An array of {@code int}s in memory shared by processes, each updated atomically: Python's
 * {@code Array('i', n)} with the methods of {@link java.util.concurrent.atomic.AtomicIntegerArray}.
 * See {@link SharedArray} for what holds across processes.
 *
 * @see ProcessContext#sharedIntArray(int)
 */
public interface SharedIntArray extends SharedArray {

    /**
     * Element {@code index}, with the memory effects of a volatile read.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    int get(int index);

    /**
     * Sets element {@code index}, with the memory effects of a volatile write.
     *
     * @param index from 0 to {@code length() - 1}
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    void set(int index, int value);

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
    default int getPlain(int index) {
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
    default void setPlain(int index, int value) {
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
    int getAndSet(int index, int value);

    /**
     * Sets element {@code index} to {@code value} if it is {@code expected}, atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @param expected the value it must have
     * @param value the new value
     * @return whether it was set
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    boolean compareAndSet(int index, int expected, int value);

    /**
     * Adds {@code delta} to element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @param delta what to add
     * @return the old value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    int getAndAdd(int index, int delta);

    /**
     * Adds {@code delta} to element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @param delta what to add
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default int addAndGet(int index, int delta) {
        return getAndAdd(index, delta) + delta;
    }

    /**
     * Adds 1 to element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the old value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default int getAndIncrement(int index) {
        return getAndAdd(index, 1);
    }

    /**
     * Subtracts 1 from element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the old value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default int getAndDecrement(int index) {
        return getAndAdd(index, -1);
    }

    /**
     * Adds 1 to element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default int incrementAndGet(int index) {
        return getAndAdd(index, 1) + 1;
    }

    /**
     * Subtracts 1 from element {@code index} atomically.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default int decrementAndGet(int index) {
        return getAndAdd(index, -1) - 1;
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
    default int getAndUpdate(int index, IntUnaryOperator function) {
        int old;
        do {
            old = get(index);
        } while (!compareAndSet(index, old, function.applyAsInt(old)));
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
    default int updateAndGet(int index, IntUnaryOperator function) {
        int old;
        int value;
        do {
            old = get(index);
            value = function.applyAsInt(old);
        } while (!compareAndSet(index, old, value));
        return value;
    }

    /**
     * Replaces element {@code index} with {@code function} of it and {@code x}, atomically, as
     * {@link #getAndUpdate}.
     *
     * @param index from 0 to {@code length() - 1}
     * @param x the function's second argument
     * @param function what the new value is, from the old and {@code x}; without side effects
     * @return the old value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default int getAndAccumulate(int index, int x, IntBinaryOperator function) {
        return getAndUpdate(index, old -> function.applyAsInt(old, x));
    }

    /**
     * Replaces element {@code index} with {@code function} of it and {@code x}, atomically, as
     * {@link #getAndUpdate}.
     *
     * @param index from 0 to {@code length() - 1}
     * @param x the function's second argument
     * @param function what the new value is, from the old and {@code x}; without side effects
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default int accumulateAndGet(int index, int x, IntBinaryOperator function) {
        return updateAndGet(index, old -> function.applyAsInt(old, x));
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
    void copyTo(int index, int[] target, int offset, int length);

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
    void copyFrom(int[] source, int offset, int index, int length);

    /**
     * Sets every element to {@code value}, with plain writes.
     *
     * @param value the value
     */
    void fill(int value);

    /**
     * A copy of the elements, made with plain reads.
     *
     * @return a new array of {@link #length()} elements
     */
    default int[] toArray() {
        int[] copy = new int[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    /**
     * A view of the shared memory itself, for loops over many elements: reads and writes through
     * it are the array's, plain accesses, in the platform's byte order.
     *
     * @return a new buffer, at position 0, with {@link #length()} as its limit and capacity
     */
    IntBuffer asBuffer();
}
