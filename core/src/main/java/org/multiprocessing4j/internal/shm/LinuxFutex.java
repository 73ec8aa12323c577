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
 */
final class LinuxFutex {

    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static boolean registered;

    private final long syscall;

    private LinuxFutex(long syscall) {
        this.syscall = syscall;
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
            LinuxFutex futex = new LinuxFutex(number.getAsInt());
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

    private long call(long address, long operation, int value, long[] timeout) {
        // the result is not needed: EAGAIN (the word changed), ETIMEDOUT and EINTR all mean
        // "look at the word again", which every caller does
        return syscall(syscall, address, operation, value, timeout, 0, 0);
    }

    /** libc's {@code long syscall(long number, ...)}; every argument passed in a full register. */
    private static native long syscall(long number, long address, long operation, long value, long[] timeout,
            long address2, long value3);
}
