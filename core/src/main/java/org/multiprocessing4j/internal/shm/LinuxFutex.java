package org.multiprocessing4j.internal.shm;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.OptionalInt;
import org.multiprocessing4j.internal.platform.Platform;

/**
 * The {@code futex} system call through JNA's direct mapping of libc's {@code syscall}. Only
 * {@link Futex} touches this class, so JNA is loaded only when something sleeps or wakes.
 *
 * <p>The operations are the shared ones (without {@code FUTEX_PRIVATE_FLAG}): the kernel keys the
 * word by the file page it maps, so every process that maps the segment meets on the same word.
 *
 * <p>{@code futex_waitv} (Linux 5.16 and later) sleeps on up to {@value #MOST_WORDS} words at once
 * and returns when any of them is woken or does not hold its expected value. Its timeout is a
 * point in time of {@code CLOCK_MONOTONIC}, read here with {@code clock_gettime} rather than
 * assumed to be {@link System#nanoTime()}'s clock.
 */
final class LinuxFutex {

    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The size flag of a {@code struct futex_waitv}: a 32-bit word. */
    private static final long FUTEX_32 = 2;
    private static final int CLOCK_MONOTONIC = 1;
    private static final int EINVAL = 22;
    /** The most words {@code futex_waitv} takes. */
    static final int MOST_WORDS = 128;

    private static boolean registered;

    private final long syscall;
    // the number of futex_waitv, or -1 where the kernel lacks it
    private final long waitv;

    private LinuxFutex(long syscall, long waitv) {
        this.syscall = syscall;
        this.waitv = waitv;
    }

    /**
     * Binds the system call and checks that the kernel has it.
     *
     * @return the bound futex, or {@code null} where there is none
     */
    static LinuxFutex load() {
        OptionalInt number = Platform.futexSyscall();
        if (number.isEmpty()) {
            return null;
        }
        try {
            register();
            LinuxFutex futex = new LinuxFutex(number.getAsInt(), probeWaitv());
            ByteBuffer probe = ByteBuffer.allocateDirect(Integer.BYTES);
            // waking nobody succeeds with 0; a kernel without futex answers -1 (ENOSYS)
            long woken = futex.call(addressOf(probe), FUTEX_WAKE, 1, null);
            Reference.reachabilityFence(probe);
            return woken == 0 ? futex : null;
        } catch (LinkageError | RuntimeException e) {
            // JNA missing from the class path, its native part refused, or libc without syscall
            return null;
        }
    }

    /** The number of {@code futex_waitv} if the kernel has it (and lets this process call it), else -1. */
    private static long probeWaitv() {
        OptionalInt number = Platform.futexWaitvSyscall();
        if (number.isEmpty()) {
            return -1;
        }
        // no words is refused with EINVAL by a kernel that has the call, ENOSYS or EPERM otherwise
        long result = syscall(number.getAsInt(), null, 0, 0, null, CLOCK_MONOTONIC);
        return result == -1 && Native.getLastError() == EINVAL ? number.getAsInt() : -1;
    }

    private static synchronized void register() {
        if (!registered) {
            Native.register(LinuxFutex.class, NativeLibrary.getInstance("c"));
            registered = true;
        }
    }

    static long addressOf(ByteBuffer buffer) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }

    void await(long address, int expected, long nanos) {
        // a relative struct timespec; the kernel may return early, the caller looks again anyway
        long[] timeout = {nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND};
        call(address, FUTEX_WAIT, expected, timeout);
    }

    void wake(long address, int count) {
        call(address, FUTEX_WAKE, count, null);
    }

    boolean canAwaitMany() {
        return waitv != -1;
    }

    /**
     * Sleeps until one of {@code count} words is woken or does not hold its expected value, at
     * most {@code nanos}; may also return early for no reason.
     *
     * @param words for each word, three longs: its expected value (32 bits, zero-extended), its
     *     address, and 0; this method fills in the third
     * @param count how many words, at most {@value #MOST_WORDS}
     * @param nanos the longest sleep
     */
    void awaitMany(long[] words, int count, long nanos) {
        for (int i = 0; i < count; i++) {
            words[3 * i + 2] = FUTEX_32;
        }
        long[] deadline = new long[2];
        clock_gettime(CLOCK_MONOTONIC, deadline);
        long at = deadline[1] + nanos % NANOS_PER_SECOND;
        deadline[0] += nanos / NANOS_PER_SECOND + at / NANOS_PER_SECOND;
        deadline[1] = at % NANOS_PER_SECOND;
        // as for a single word, every outcome means "look at the words again"
        syscall(waitv, words, count, 0, deadline, CLOCK_MONOTONIC);
    }

    private long call(long address, long operation, int value, long[] timeout) {
        // the result is not needed: EAGAIN (the word changed), ETIMEDOUT and EINTR all mean
        // "look at the word again", which every caller does
        return syscall(syscall, address, operation, value, timeout, 0, 0);
    }

    /** libc's {@code long syscall(long number, ...)}; every argument passed in a full register. */
    private static native long syscall(long number, long address, long operation, long value, long[] timeout,
            long address2, long value3);

    /** libc's {@code syscall} for {@code futex_waitv}: an array of {@code struct futex_waitv}, an absolute timeout. */
    private static native long syscall(long number, long[] words, long count, long flags, long[] deadline, long clock);

    private static native int clock_gettime(int clock, long[] timespec);
}
