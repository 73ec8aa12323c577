package org.multiprocessing4j.internal.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire form of {@link CompactSerializer}: one tag byte per value, then its content. Numbers
 * are fixed-width in the buffer's byte order; a count is an {@code int}.
 *
 * <pre>
 *   message  := JDK jdk-stream | TARGET target-codec-bytes | value
 *   value    := NULL | FALSE | TRUE | BYTE i8 | SHORT i16 | CHAR u16 | INT i32 | LONG i64
 *             | FLOAT f32 | DOUBLE f64
 *             | string
 *             | BYTES count byte*           byte[]
 *             | (ARRAY_LIST | ARRAYS_AS_LIST | LIST_OF | STREAM_LIST | HASH_SET | LINKED_HASH_SET
 *                   | SET_OF) count value*
 *             | (ARRAY_LIST | ARRAYS_AS_LIST | LIST_OF | STREAM_LIST) + INTS count i32*
 *                                          a list of two or more elements, all Integers
 *             | (HASH_MAP | LINKED_HASH_MAP | MAP_OF) count (value value)*
 *             | ENUM class string           the constant's name
 *             | RECORD class count value*   the canonical constructor's arguments
 *   string   := LATIN1 count byte*          when every char fits in a byte
 *             | UTF16 count u16*
 *   class    := i32 string                  String.hashCode() of the name, then the name
 * </pre>
 *
 * The collection tags name the exact class that comes back, so {@code List.of} stays immutable
 * and {@code Arrays.asList} fixed-size, as with JDK serialization. {@code Stream.toList()} makes
 * the same class as {@code List.of} but admits {@code null}; {@code STREAM_LIST} marks such a
 * list when it holds a {@code null} or has one or two elements (where {@code List.of} would make
 * another class). One made by {@code Stream.toList()} of three or more non-null elements comes
 * back as {@code List.of} makes it: equal and of the same class, but {@code contains(null)}
 * throws, as {@code List.of}'s does; telling the two apart would take reflection into
 * {@code java.base}.
 */
final class CompactFormat {

    static final byte NULL = 0;
    static final byte FALSE = 1;
    static final byte TRUE = 2;
    static final byte BYTE = 3;
    static final byte SHORT = 4;
    static final byte CHAR = 5;
    static final byte INT = 6;
    static final byte LONG = 7;
    static final byte FLOAT = 8;
    static final byte DOUBLE = 9;
    static final byte LATIN1 = 10;
    static final byte UTF16 = 11;
    static final byte BYTES = 12;
    static final byte ARRAY_LIST = 13;
    static final byte ARRAYS_AS_LIST = 14;
    static final byte LIST_OF = 15;
    static final byte STREAM_LIST = 16;
    static final byte HASH_SET = 17;
    static final byte LINKED_HASH_SET = 18;
    static final byte SET_OF = 19;
    static final byte HASH_MAP = 20;
    static final byte LINKED_HASH_MAP = 21;
    static final byte MAP_OF = 22;
    static final byte ENUM = 23;
    static final byte RECORD = 24;
    /** The rest of the message is a JDK object stream. */
    static final byte JDK = 25;
    /** The rest of the message is a lambda in {@link TargetCodec}'s form. */
    static final byte TARGET = 26;
    /**
     * Added to a list's tag when every element is an {@code Integer}, then written as a bare
     * {@code i32}: the common list of numbers costs four bytes an element and no per-element
     * dispatch.
     */
    static final byte INTS = 0x40;

    private CompactFormat() {
    }

    /** How the writer handles instances of a class. */
    enum Kind {
        STRING, BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, BYTES,
        /** A list or set whose tag {@link #collectionTag} gives. */
        COLLECTION,
        /** A map whose tag {@link #collectionTag} gives. */
        MAP,
        ENUM, RECORD,
        /** Needs JDK serialization. */
        OTHER
    }

    /**
     * The kind of each class, computed once: a {@link ClassValue} lookup is a few nanoseconds,
     * cheaper than a chain of {@code instanceof} tests on the hot path.
     */
    static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            return kindOf(type);
        }
    };

    /** The collection classes written by tag, with their tags, in pairs. */
    private static final Map<Class<?>, Byte> COLLECTIONS = Map.ofEntries(
            Map.entry(ArrayList.class, ARRAY_LIST),
            Map.entry(Arrays.asList().getClass(), ARRAYS_AS_LIST),
            Map.entry(List.of().getClass(), LIST_OF),
            Map.entry(List.of(0).getClass(), LIST_OF),
            Map.entry(HashSet.class, HASH_SET),
            Map.entry(LinkedHashSet.class, LINKED_HASH_SET),
            Map.entry(Set.of().getClass(), SET_OF),
            Map.entry(Set.of(0).getClass(), SET_OF),
            Map.entry(HashMap.class, HASH_MAP),
            Map.entry(LinkedHashMap.class, LINKED_HASH_MAP),
            Map.entry(Map.of().getClass(), MAP_OF),
            Map.entry(Map.of(0, 0).getClass(), MAP_OF));

    /**
     * The tag of a collection class of kind {@link Kind#COLLECTION} or {@link Kind#MAP}.
     *
     * @param type the collection's class
     * @return its tag
     */
    static byte collectionTag(Class<?> type) {
        return COLLECTIONS.get(type);
    }

    /**
     * Whether the collection's content may be changed after it is written, so that meeting it
     * twice in one value means it is shared and JDK serialization must keep it so.
     */
    static boolean mutable(byte collectionTag) {
        return collectionTag != LIST_OF && collectionTag != STREAM_LIST && collectionTag != SET_OF
                && collectionTag != MAP_OF;
    }

    private static Kind kindOf(Class<?> type) {
        if (type == String.class) {
            return Kind.STRING;
        } else if (type == Integer.class) {
            return Kind.INT;
        } else if (type == Long.class) {
            return Kind.LONG;
        } else if (type == Double.class) {
            return Kind.DOUBLE;
        } else if (type == Boolean.class) {
            return Kind.BOOLEAN;
        } else if (type == byte[].class) {
            return Kind.BYTES;
        } else if (type == Float.class) {
            return Kind.FLOAT;
        } else if (type == Short.class) {
            return Kind.SHORT;
        } else if (type == Byte.class) {
            return Kind.BYTE;
        } else if (type == Character.class) {
            return Kind.CHAR;
        } else if (COLLECTIONS.containsKey(type)) {
            return Map.class.isAssignableFrom(type) ? Kind.MAP : Kind.COLLECTION;
        } else if (Enum.class.isAssignableFrom(type)) {
            return Kind.ENUM;
        } else if (RecordShape.of(type) != null) {
            return Kind.RECORD;
        }
        return Kind.OTHER;
    }
}
