package org.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;
import java.util.concurrent.Callable;

/**
 * Sleeping on a 32-bit word of shared memory until another process changes it: Linux's
 * {@code futex}, called through JNA, which is loaded the first time a thread actually sleeps or
 * wakes someone (a process that never blocks never loads it).
 *
 * <p>Where there is no futex (not Linux, an unknown processor, JNA missing or refused), or when
 * the system property {@value #PROPERTY} is {@code false}, {@link #isAvailable()} is false and
 * {@link WaitGate} falls back to sleeping in short, growing naps and looking again. Children
 * inherit the property, so a whole process tree waits the same way.
 */
final class Futex {

    /** Set to {@code false} to wait without futex, for testing the fallback. */
    static final String PROPERTY = "multiprocessing4j.futex";

    private Futex() {
    }

    /**
     * Loaded on first use, on a thread of its own (see {@link NativeLoading}): the class
     * initialization is where JNA gets loaded.
     */
    private static final class Loaded {
        static final LinuxFutex FUTEX = Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
                ? NativeLoading.aside("futex", new Callable<LinuxFutex>() {
                    @Override
                    public LinuxFutex call() {
                        return LinuxFutex.load();
                    }
                }) : null;
    }

    static boolean isAvailable() {
        return Loaded.FUTEX != null;
    }

    /**
     * Sleeps while the word at {@code address} holds {@code expected}, at most {@code nanos}; may
     * also return early for no reason. Returns at once if the word holds something else.
     */
    static void await(long address, int expected, long nanos) {
        Loaded.FUTEX.await(address, expected, nanos);
    }

    /** Wakes up to {@code count} threads sleeping on the word at {@code address}, in any process. */
    static void wake(long address, int count) {
        Loaded.FUTEX.wake(address, count);
    }

    /** Whether {@link #awaitMany} sleeps on several words at once (Linux 5.16 and later). */
    static boolean canAwaitMany() {
        return isAvailable() && Loaded.FUTEX.canAwaitMany();
    }

    /** The most words {@link #awaitMany} takes. */
    static int mostWords() {
        return LinuxFutex.MOST_WORDS;
    }

    /**
     * Sleeps until one of {@code count} words is woken or does not hold its expected value, at
     * most {@code nanos}; may also return early for no reason. Only if {@link #canAwaitMany()}.
     *
     * @param words three longs per word: its expected value (zero-extended), its address, and a
     *     slot this call fills in
     */
    static void awaitMany(long[] words, int count, long nanos) {
        Loaded.FUTEX.awaitMany(words, count, nanos);
    }

    /** Where a direct buffer's memory is in this process. */
    static long addressOf(ByteBuffer buffer) {
        return LinuxFutex.addressOf(buffer);
    }
}
