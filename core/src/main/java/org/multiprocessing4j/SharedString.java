package org.multiprocessing4j;

/**
 * A string in memory shared by processes, of a capacity fixed when it is made: Python's
 * {@code Array('c', n)} and its {@code value}, for text. See {@link SharedValue} for what holds
 * across processes.
 *
 * <pre>{@code
 * SharedString status = Multiprocessing.sharedString(64, "starting");
 * Multiprocessing.process(() -> status.set("working")).start();
 * }</pre>
 *
 * <p>The capacity is a number of bytes of the string's UTF-8 encoding (an ASCII character takes
 * one, {@code é} two, {@code €} three): setting a string whose encoding is longer throws an
 * {@link IllegalArgumentException} that gives both lengths. A string is set and read whole: a
 * read never sees part of one string and part of another, however many processes write at once,
 * and a reader never waits for a writer. The string is never {@code null}: a {@code null}
 * argument throws a {@link NullPointerException}.
 *
 * @see ProcessContext#sharedString(int, String)
 */
public interface SharedString extends SharedValue {

    /**
     * The most bytes of UTF-8 the string may take.
     *
     * @return the capacity, in bytes
     */
    int capacity();

    /**
     * The string, with the memory effects of a volatile read.
     *
     * @return the string
     */
    String get();

    /**
     * Sets the string, with the memory effects of a volatile write.
     *
     * @param value the new string
     * @throws IllegalArgumentException if its UTF-8 encoding is longer than the capacity
     */
    void set(String value);

    /**
     * Sets the string atomically and returns the old one.
     *
     * @param value the new string
     * @return the old string
     * @throws IllegalArgumentException if its UTF-8 encoding is longer than the capacity
     */
    String getAndSet(String value);

    /**
     * Sets the string to {@code value} if it {@linkplain String#equals equals} {@code expected},
     * atomically.
     *
     * @param expected the string it must be
     * @param value the new string
     * @return whether it was set
     * @throws IllegalArgumentException if the UTF-8 encoding of {@code value} is longer than the
     *     capacity
     */
    boolean compareAndSet(String expected, String value);
}
