package org.multiprocessing4j.internal.sync;

import java.util.OptionalLong;
import org.multiprocessing4j.internal.platform.Platform;

/**
 * Owner words: who holds a lock, in a form any process can check for liveness.
 *
 * <pre>
 *   63                     32 31                     1   0
 *   +------------------------+------------------------+---+
 *   |          pid           |   start-time stamp     | D |
 *   +------------------------+------------------------+---+
 * </pre>
 * The stamp is 31 bits of a hash of the process's start time: a process that later gets the
 * same pid has another start time, so a dead owner is recognized even after its pid was reused
 * (wrongly only with a chance of one in two billion). {@code D}, the {@linkplain #DIED died} bit,
 * is set by the thread that took the word over from a dead owner. A word is never zero (pids
 * are positive); zero means "nobody".
 *
 * <p>A holder token names a thread of a process: 32 bits of a hash of this process's owner word,
 * then the low 32 bits of the Java thread id. Two threads share one only if their processes' words
 * hash alike (one chance in four billion) or their ids are four billion thread starts apart in one
 * JVM; a process that reuses a dead holder's pid has another start time, hence another token.
 */
public final class Owners {

    /** Set in an owner word taken over from a process that died holding it. */
    static final long DIED = 1;

    /** This process's owner word. */
    public static final long SELF = self();

    private static final long HOLDER_PREFIX = (long) Long.hashCode(SELF * 0x9E3779B97F4A7C15L) << 32;

    private Owners() {
    }

    private static long self() {
        long pid = ProcessHandle.current().pid();
        return word(pid, Platform.processStamp(pid).orElse(0));
    }

    static long word(long pid, long stamp) {
        long mixed = stamp * 0x9E3779B97F4A7C15L;
        int hash = (int) (mixed ^ (mixed >>> 32));
        return (pid << 32) | ((hash << 1) & 0xFFFF_FFFEL);
    }

    /** The holder token of the current thread. */
    static long currentHolder() {
        return HOLDER_PREFIX | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
    }

    /**
     * Whether the process named by an owner word has exited (or its pid now belongs to another
     * process). Reads {@code /proc} on Linux: some microseconds, so callers do it rarely.
     *
     * @param owner a non-zero owner word, with or without the died bit
     * @return whether its process is gone
     */
    public static boolean isGone(long owner) {
        long identity = owner & ~DIED;
        if (identity == SELF) {
            return false;
        }
        long pid = identity >>> 32;
        OptionalLong stamp = Platform.processStamp(pid);
        return stamp.isEmpty() || word(pid, stamp.getAsLong()) != identity;
    }
}
