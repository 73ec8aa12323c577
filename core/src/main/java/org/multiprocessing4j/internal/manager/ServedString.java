package org.multiprocessing4j.internal.manager;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedString;

/**
 * The server's {@link SharedString}: an {@link AtomicReference} to an immutable string, so a read
 * sees one string whole and never waits, with a lock of its own. The capacity is checked on every
 * write, against the length of the string's UTF-8 encoding.
 */
final class ServedString implements SharedString {

    private final int capacity;
    private final AtomicReference<String> value;
    private final ServedReentrantLock lock = new ServedReentrantLock();

    /**
     * A new string.
     *
     * @param capacity the most bytes of UTF-8 it may take
     * @param initial the string it starts with
     * @throws IllegalArgumentException if {@code capacity} is negative or {@code initial} does not
     *     fit it
     */
    ServedString(int capacity, String initial) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a shared string's capacity must be at least 0 bytes: " + capacity);
        }
        this.capacity = capacity;
        this.value = new AtomicReference<>(fitting(initial));
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public RobustLock lock() {
        return lock;
    }

    @Override
    public String get() {
        return value.get();
    }

    @Override
    public void set(String value) {
        this.value.set(fitting(value));
    }

    @Override
    public String getAndSet(String value) {
        return this.value.getAndSet(fitting(value));
    }

    @Override
    public boolean compareAndSet(String expected, String value) {
        String replacement = fitting(value);
        Objects.requireNonNull(expected, "expected");
        // AtomicReference compares references: retry while the string is replaced by an equal one
        while (true) {
            String current = this.value.get();
            if (!current.equals(expected)) {
                return false;
            }
            if (this.value.compareAndSet(current, replacement)) {
                return true;
            }
        }
    }

    /** {@code value}, checked: not {@code null}, and its UTF-8 encoding within the capacity. */
    private String fitting(String value) {
        int bytes = Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8).length;
        if (bytes > capacity) {
            throw new IllegalArgumentException("a string of " + bytes
                    + " bytes in UTF-8 does not fit a shared string of " + capacity + " bytes");
        }
        return value;
    }

    @Override
    public String toString() {
        return get();
    }
}
