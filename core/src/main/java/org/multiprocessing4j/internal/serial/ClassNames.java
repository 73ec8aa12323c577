package org.multiprocessing4j.internal.serial;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Class names as {@link CompactFormat} writes them before a record or an enum constant:
 * {@code String.hashCode()} of the name, then the name as a string. Every message carries the name
 * of each class in it, so both ends avoid the work a name costs each time.
 *
 * <p>The writer keeps each class's name encoded once ({@link #of}). The reader keeps the classes
 * it resolved in a small table indexed by the hash, and recognizes a name by comparing its bytes
 * with the entry's, without decoding it to a string or hashing it: {@code Class.forName} and the
 * string together cost more than the rest of reading a small record. The hash comes from the
 * sender and is only a hint; the bytes decide. An entry is used only for the class loader that
 * resolved it, when that loader defined the class (so that {@code Class.forName} would return the
 * same class again), and holds the class weakly, so that a loader can still be unloaded.
 */
final class ClassNames {

    private static final int SLOTS = 256;

    private static final ClassValue<ClassNames> NAMES = new ClassValue<>() {
        @Override
        protected ClassNames computeValue(Class<?> type) {
            return new ClassNames(type);
        }
    };

    /** What the reader resolved, by hash slot; replaced whole, never changed. */
    private static final AtomicReferenceArray<ClassNames> RESOLVED = new AtomicReferenceArray<>(SLOTS);

    private final String name;
    private final int hash;
    /** The name in Latin-1, or {@code null} when a character does not fit. */
    private final byte[] latin1;
    private final WeakReference<Class<?>> type;

    private ClassNames(Class<?> type) {
        this.name = type.getName();
        this.hash = name.hashCode();
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        this.latin1 = new String(bytes, StandardCharsets.ISO_8859_1).equals(name) ? bytes : null;
        this.type = new WeakReference<>(type);
    }

    /**
     * The encoded name of a class, computed once per class.
     *
     * @param type the class
     * @return its name
     */
    static ClassNames of(Class<?> type) {
        return NAMES.get(type);
    }

    /**
     * Writes the name at the buffer's position; the buffer must have {@link #size} bytes left.
     *
     * @param buffer where to write
     * @return whether it was written; {@code false} for a name outside Latin-1, which the caller
     *     writes as an ordinary string after {@link #hash}
     */
    boolean writeTo(ByteBuffer buffer) {
        buffer.putInt(hash);
        if (latin1 == null) {
            return false;
        }
        buffer.put(CompactFormat.LATIN1).putInt(latin1.length).put(latin1);
        return true;
    }

    /** The bytes {@link #writeTo} needs. */
    int size() {
        return 4 + 1 + 4 + (latin1 == null ? 0 : latin1.length);
    }

    /** The name as a string, for names {@link #writeTo} does not write. */
    String name() {
        return name;
    }

    /**
     * A class the reader resolved before, if the bytes at the buffer's position (a Latin-1 string
     * with its tag) name it and {@code loader} resolved it there; the position then moves past the
     * name.
     *
     * @param hash the sender's hash of the name
     * @param buffer the buffer, at the name's tag
     * @param loader the loader the caller resolves classes with
     * @return the class, or {@code null} when the caller must resolve the name itself
     */
    static Class<?> recall(int hash, ByteBuffer buffer, ClassLoader loader) {
        ClassNames known = RESOLVED.get(hash & (SLOTS - 1));
        if (known == null || known.latin1 == null || !buffer.hasArray()) {
            return null;
        }
        int length = known.latin1.length;
        int at = buffer.arrayOffset() + buffer.position();
        if (buffer.remaining() < 5 + length || buffer.get(buffer.position()) != CompactFormat.LATIN1
                || buffer.getInt(buffer.position() + 1) != length
                || !Arrays.equals(buffer.array(), at + 5, at + 5 + length, known.latin1, 0, length)) {
            return null;
        }
        Class<?> type = known.type.get();
        if (type == null || type.getClassLoader() != loader) {
            return null;
        }
        buffer.position(buffer.position() + 5 + length);
        return type;
    }

    /**
     * Remembers a class the reader resolved with {@code loader}, when the loader defined it.
     *
     * @param type the class
     * @param loader the loader it was resolved with
     */
    static void remember(Class<?> type, ClassLoader loader) {
        if (type.getClassLoader() == loader) {
            ClassNames names = of(type);
            RESOLVED.set(names.hash & (SLOTS - 1), names);
        }
    }

}
