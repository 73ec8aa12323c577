package org.multiprocessing4j.internal.serial;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs of Integers stored as bare {@code int}s in the buffer's byte order, the form of a list of
 * Integers in {@link CompactFormat}.
 *
 * <p>Implementation note. A heap buffer's array is read and written through a view
 * {@link VarHandle}, a constant the JIT compiles to a plain load or store. The buffer's own
 * {@code getInt} and {@code putInt} are virtual calls at call sites that every buffer class a
 * process uses shares (heap, read-only, direct): the more of them a process has used, the
 * less such a call site is inlined, in a loop that runs once per element.
 */
final class PackedInts {

    private static final VarHandle BIG = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LITTLE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private PackedInts() {
    }

    /**
     * Writes every element as an {@code int} from the buffer's position, which must have room for
     * them all, if every one is an Integer.
     *
     * @return whether all were written; if not, the buffer's position is where it was
     */
    static boolean put(ByteBuffer buffer, Object[] elements) {
        int start = buffer.position();
        if (!buffer.hasArray()) {
            for (Object element : elements) {
                if (!(element instanceof Integer)) {
                    buffer.position(start);
                    return false;
                }
                buffer.putInt((Integer) element);
            }
            return true;
        }
        byte[] array = buffer.array();
        int at = buffer.arrayOffset() + start;
        boolean big = buffer.order() == ByteOrder.BIG_ENDIAN;
        for (Object element : elements) {
            if (!(element instanceof Integer)) {
                return false;
            }
            int value = (Integer) element;
            if (big) {
                BIG.set(array, at, value);
            } else {
                LITTLE.set(array, at, value);
            }
            at += Integer.BYTES;
        }
        buffer.position(start + elements.length * Integer.BYTES);
        return true;
    }

    /** Reads {@code into.length} ints from the buffer's position, which must hold them, as Integers. */
    static void get(ByteBuffer buffer, Object[] into) {
        if (!buffer.hasArray()) {
            for (int i = 0; i < into.length; i++) {
                into[i] = buffer.getInt();
            }
            return;
        }
        byte[] array = buffer.array();
        int start = buffer.position();
        int at = buffer.arrayOffset() + start;
        boolean big = buffer.order() == ByteOrder.BIG_ENDIAN;
        for (int i = 0; i < into.length; i++, at += Integer.BYTES) {
            into[i] = big ? (int) BIG.get(array, at) : (int) LITTLE.get(array, at);
        }
        buffer.position(start + into.length * Integer.BYTES);
    }
}
