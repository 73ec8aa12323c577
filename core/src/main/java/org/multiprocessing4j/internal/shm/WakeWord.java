package org.multiprocessing4j.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A word of this process's own memory that a {@link GateSet} sleeps on beside its gates, so that
 * an event that happens in this process (a child's exit, seen by the thread that watches it) wakes
 * a thread waiting on many things at once. Nothing outside this process can reach it.
 */
public final class WakeWord {

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer word = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());

    /** Changes the word and wakes every thread sleeping on it; a system call, so for rare events. */
    public void wake() {
        INT.getAndAdd(word, 0, 1);
        if (Futex.isAvailable()) {
            Futex.wake(address(), Integer.MAX_VALUE);
        }
    }

    int observe() {
        return (int) INT.getVolatile(word, 0);
    }

    /** Where the word is; only once futex is known to be available, since finding it loads JNA. */
    long address() {
        return Futex.addressOf(word);
    }
}
