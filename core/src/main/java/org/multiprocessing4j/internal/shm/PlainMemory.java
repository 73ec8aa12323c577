package org.multiprocessing4j.internal.shm;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import sun.misc.Unsafe;

/**
 * Plain reads and writes of a direct buffer's memory by its address, for the loops over shared
 * arrays' elements.
 *
 * <p>Design note. On Java 17 a direct buffer's absolute {@code get} and a {@code VarHandle}'s
 * plain {@code get} of a buffer take twice as long in a loop as an array's element does (decision
 * 0035); a read through {@link Unsafe} by address takes what the array's does. Java 23
 * deprecates {@code Unsafe}'s memory accesses for removal, Java 24 warns at their first use, and
 * the buffer's own accesses are as fast there: from Java 23 on, and wherever {@code theUnsafe}
 * cannot be had, {@link #BY_ADDRESS} is false and callers use the buffer instead. It is a static
 * final flag, so the compiled code keeps one path. (The module requires {@code jdk.unsupported}:
 * a runtime image without it does not run the library.) Each access keeps its buffer reachable
 * until it is done: the buffer holds the mapping, which the collector unmaps once the buffer is
 * unreachable.
 */
public final class PlainMemory {

    private static final Unsafe UNSAFE = unsafe();
    private static final long ADDRESS = addressField(UNSAFE);

    /**
     * Whether accesses by address are to be used; when false, {@link #address} returns 0 and the
     * other methods must not be called.
     */
    public static final boolean BY_ADDRESS = UNSAFE != null && ADDRESS >= 0;

    private PlainMemory() {
    }

    /**
     * The address of a direct buffer's first byte, for the other methods.
     *
     * @param direct a direct buffer
     * @return its address, or 0 where {@link #BY_ADDRESS} is false
     */
    public static long address(ByteBuffer direct) {
        if (!BY_ADDRESS) {
            return 0;
        }
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: " + direct);
        }
        return UNSAFE.getLong(direct, ADDRESS);
    }

    /** The {@code int} at {@code offset} bytes from {@code address}, the address of {@code buffer}. */
    public static int getInt(ByteBuffer buffer, long address, int offset) {
        int value = UNSAFE.getInt(address + offset);
        Reference.reachabilityFence(buffer);
        return value;
    }

    /** Writes the {@code int} at {@code offset} bytes from {@code address}, that of {@code buffer}. */
    public static void putInt(ByteBuffer buffer, long address, int offset, int value) {
        UNSAFE.putInt(address + offset, value);
        Reference.reachabilityFence(buffer);
    }

    /** The {@code long} at {@code offset} bytes from {@code address}, the address of {@code buffer}. */
    public static long getLong(ByteBuffer buffer, long address, int offset) {
        long value = UNSAFE.getLong(address + offset);
        Reference.reachabilityFence(buffer);
        return value;
    }

    /** Writes the {@code long} at {@code offset} bytes from {@code address}, that of {@code buffer}. */
    public static void putLong(ByteBuffer buffer, long address, int offset, long value) {
        UNSAFE.putLong(address + offset, value);
        Reference.reachabilityFence(buffer);
    }

    /** The {@code double} at {@code offset} bytes from {@code address}, the address of {@code buffer}. */
    public static double getDouble(ByteBuffer buffer, long address, int offset) {
        double value = UNSAFE.getDouble(address + offset);
        Reference.reachabilityFence(buffer);
        return value;
    }

    /** Writes the {@code double} at {@code offset} bytes from {@code address}, that of {@code buffer}. */
    public static void putDouble(ByteBuffer buffer, long address, int offset, double value) {
        UNSAFE.putDouble(address + offset, value);
        Reference.reachabilityFence(buffer);
    }

    /** The byte at {@code offset} bytes from {@code address}, the address of {@code buffer}. */
    public static byte getByte(ByteBuffer buffer, long address, int offset) {
        byte value = UNSAFE.getByte(address + offset);
        Reference.reachabilityFence(buffer);
        return value;
    }

    /** Writes the byte at {@code offset} bytes from {@code address}, that of {@code buffer}. */
    public static void putByte(ByteBuffer buffer, long address, int offset, byte value) {
        UNSAFE.putByte(address + offset, value);
        Reference.reachabilityFence(buffer);
    }

    private static Unsafe unsafe() {
        if (Runtime.version().feature() >= 23) {
            return null;
        }
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static long addressField(Unsafe unsafe) {
        if (unsafe == null) {
            return -1;
        }
        try {
            return unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
