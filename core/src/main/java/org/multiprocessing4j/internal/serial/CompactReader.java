package org.multiprocessing4j.internal.serial;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one value written by {@link CompactWriter}. Counts are checked against the bytes left
 * before anything is allocated for them, so corrupt or hostile bytes cannot ask for a huge array.
 *
 * <p>One instance per value; not thread-safe.
 */
final class CompactReader {

    private final ByteBuffer buffer;
    private final ClassFilter filter;
    private final ClassLoader loader;

    CompactReader(ByteBuffer buffer, ClassFilter filter) {
        this.buffer = buffer;
        this.filter = filter;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.loader = context != null ? context : CompactReader.class.getClassLoader();
    }

    Object read() throws IOException, ClassNotFoundException {
        byte tag = buffer.get();
        if ((tag & CompactFormat.INTS) != 0) {
            return readInts((byte) (tag & ~CompactFormat.INTS));
        }
        switch (tag) {
            case CompactFormat.NULL:
                return null;
            case CompactFormat.FALSE:
                return Boolean.FALSE;
            case CompactFormat.TRUE:
                return Boolean.TRUE;
            case CompactFormat.BYTE:
                return buffer.get();
            case CompactFormat.SHORT:
                return buffer.getShort();
            case CompactFormat.CHAR:
                return buffer.getChar();
            case CompactFormat.INT:
                return buffer.getInt();
            case CompactFormat.LONG:
                return buffer.getLong();
            case CompactFormat.FLOAT:
                return buffer.getFloat();
            case CompactFormat.DOUBLE:
                return buffer.getDouble();
            case CompactFormat.LATIN1:
            case CompactFormat.UTF16:
                return readString(tag);
            case CompactFormat.BYTES:
                byte[] bytes = new byte[count(1)];
                buffer.get(bytes);
                return bytes;
            case CompactFormat.ARRAY_LIST:
            case CompactFormat.HASH_SET:
            case CompactFormat.LINKED_HASH_SET:
                return readCollection(tag);
            case CompactFormat.ARRAYS_AS_LIST:
                return Arrays.asList(elements());
            case CompactFormat.LIST_OF:
                return List.of(elements());
            case CompactFormat.STREAM_LIST:
                return Arrays.stream(elements()).toList();
            case CompactFormat.SET_OF:
                return Set.of(elements());
            case CompactFormat.HASH_MAP:
            case CompactFormat.LINKED_HASH_MAP:
                return readMap(tag);
            case CompactFormat.MAP_OF:
                return readMapOf();
            case CompactFormat.ENUM:
                return readEnum();
            case CompactFormat.RECORD:
                return readRecord();
            default:
                throw new StreamCorruptedException("unknown tag " + tag);
        }
    }

    /**
     * Reads a count and checks it against what is left: each of its items takes at least
     * {@code bytesEach} bytes, so a larger count means the value was cut short (or the count is
     * corrupt, which cannot be told apart).
     */
    private int count(int bytesEach) throws IOException {
        int count = buffer.getInt();
        if (count < 0) {
            throw new StreamCorruptedException("negative count " + count);
        }
        if ((long) count * bytesEach > buffer.remaining()) {
            throw new EOFException("count " + count + " with " + buffer.remaining() + " bytes left");
        }
        return count;
    }

    /** A hash table's initial capacity that holds {@code size} entries without resizing. */
    private static int capacity(int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) size * 4 / 3 + 1);
    }

    private String readString(byte tag) throws IOException {
        boolean latin1 = tag == CompactFormat.LATIN1;
        int length = count(latin1 ? 1 : 2);
        if (!latin1) {
            char[] chars = new char[length];
            buffer.asCharBuffer().get(chars);
            buffer.position(buffer.position() + 2 * length);
            return new String(chars);
        }
        if (buffer.hasArray()) {
            // straight from the backing array: no intermediate copy
            String text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                    StandardCharsets.ISO_8859_1);
            buffer.position(buffer.position() + length);
            return text;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private Object[] elements() throws IOException, ClassNotFoundException {
        Object[] elements = new Object[count(1)];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = read();
        }
        return elements;
    }

    /** A list of Integers written as bare ints. */
    private Object readInts(byte tag) throws IOException {
        if (tag != CompactFormat.ARRAY_LIST && tag != CompactFormat.ARRAYS_AS_LIST && tag != CompactFormat.LIST_OF
                && tag != CompactFormat.STREAM_LIST) {
            throw new StreamCorruptedException("unknown tag " + (tag | CompactFormat.INTS));
        }
        Object[] elements = new Object[count(Integer.BYTES)];
        PackedInts.get(buffer, elements);
        if (tag == CompactFormat.ARRAY_LIST) {
            return new ArrayList<>(Arrays.asList(elements));
        }
        return tag == CompactFormat.ARRAYS_AS_LIST ? Arrays.asList(elements)
                : tag == CompactFormat.LIST_OF ? List.of(elements)
                : Arrays.stream(elements).toList();
    }

    private Collection<Object> readCollection(byte tag) throws IOException, ClassNotFoundException {
        int size = count(1);
        Collection<Object> collection = tag == CompactFormat.ARRAY_LIST ? new ArrayList<>(size)
                : tag == CompactFormat.HASH_SET ? new HashSet<>(capacity(size))
                : new LinkedHashSet<>(capacity(size));
        for (int i = 0; i < size; i++) {
            collection.add(read());
        }
        return collection;
    }

    private Map<Object, Object> readMap(byte tag) throws IOException, ClassNotFoundException {
        int size = count(2);
        Map<Object, Object> map = tag == CompactFormat.HASH_MAP ? new HashMap<>(capacity(size))
                : new LinkedHashMap<>(capacity(size));
        for (int i = 0; i < size; i++) {
            map.put(read(), read());
        }
        return map;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<Object, Object> readMapOf() throws IOException, ClassNotFoundException {
        Map.Entry<Object, Object>[] entries = new Map.Entry[count(2)];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = Map.entry(read(), read());
        }
        return Map.ofEntries(entries);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readEnum() throws IOException, ClassNotFoundException {
        Class<?> type = readClass();
        if (!type.isEnum()) {
            throw new InvalidClassException(type.getName(), "not an enum");
        }
        String constant = readName();
        try {
            return Enum.valueOf((Class) type, constant);
        } catch (IllegalArgumentException e) {
            throw new InvalidClassException(type.getName(), "no constant " + constant);
        }
    }

    private Object readRecord() throws IOException, ClassNotFoundException {
        Class<?> type = readClass();
        RecordShape shape = RecordShape.of(type);
        if (shape == null) {
            throw new InvalidClassException(type.getName(), "not a record the compact form carries");
        }
        shape.checkSize(buffer.getInt());
        Object[] components = new Object[shape.size()];
        for (int i = 0; i < components.length; i++) {
            components[i] = read();
        }
        return shape.build(components);
    }

    private String readName() throws IOException, ClassNotFoundException {
        byte tag = buffer.get();
        if (tag != CompactFormat.LATIN1 && tag != CompactFormat.UTF16) {
            throw new StreamCorruptedException("a name expected, tag " + tag + " found");
        }
        return readString(tag);
    }

    /**
     * Reads a class name and loads the class, if the filter accepts it, without initializing it,
     * where the caller would; see {@link ClassNames} for why a class read before is recognized
     * by the bytes of its name.
     */
    private Class<?> readClass() throws IOException, ClassNotFoundException {
        int hash = buffer.getInt();
        Class<?> type = ClassNames.recall(hash, buffer, loader);
        if (type != null) {
            filter.check(type.getName());
            return type;
        }
        String name = readName();
        filter.check(name);
        type = Class.forName(name, false, loader);
        ClassNames.remember(type, loader);
        return type;
    }
}
