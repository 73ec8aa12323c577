package org.multiprocessing4j.internal.serial;

import static org.multiprocessing4j.internal.serial.CompactFormat.KINDS;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.multiprocessing4j.spi.Serializer;

/**
 * Writes one value in {@link CompactFormat}, or gives up so that the whole value goes to JDK
 * serialization instead.
 *
 * <p>It gives up on any class outside the compact form, and on a mutable collection or array met
 * twice: the value then shares an object or has a cycle, which only JDK serialization preserves.
 * Giving up on the whole value rather than on one part keeps sharing right across parts: two parts
 * written separately could not share anything. Immutable collections, strings, boxed numbers and
 * records are written again when met again, which only {@code ==} could tell.
 *
 * <p>One instance per value; not thread-safe.
 */
final class CompactWriter {

    /** The class of {@code List.of()} and of {@code List.of} with three or more elements. */
    private static final Class<?> LIST_N = List.of().getClass();

    /** Identity checks stay a scan of a small array up to this many mutable objects. */
    private static final int SCAN_LIMIT = 16;

    private ByteBuffer buffer;
    private Object[] seen;
    private int seenCount;
    private Set<Object> seenMany;

    CompactWriter(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** The buffer written into: the caller's, or the larger one that replaced it. */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Writes {@code value}.
     *
     * @param value the value
     * @return {@code false} if the value needs JDK serialization; what was written is then garbage
     */
    boolean write(Object value) {
        if (value == null) {
            room(1).put(CompactFormat.NULL);
            return true;
        }
        Class<?> type = value.getClass();
        // the most common elements of all, ahead of the class lookup
        if (type == Integer.class) {
            room(5).put(CompactFormat.INT).putInt((Integer) value);
            return true;
        }
        if (type == String.class) {
            writeString((String) value);
            return true;
        }
        // String and Integer are final: no other class has their kinds
        switch (KINDS.get(type)) {
            case LONG:
                room(9).put(CompactFormat.LONG).putLong((Long) value);
                return true;
            case DOUBLE:
                room(9).put(CompactFormat.DOUBLE).putDouble((Double) value);
                return true;
            case BOOLEAN:
                room(1).put((Boolean) value ? CompactFormat.TRUE : CompactFormat.FALSE);
                return true;
            case FLOAT:
                room(5).put(CompactFormat.FLOAT).putFloat((Float) value);
                return true;
            case SHORT:
                room(3).put(CompactFormat.SHORT).putShort((Short) value);
                return true;
            case BYTE:
                room(2).put(CompactFormat.BYTE).put((Byte) value);
                return true;
            case CHAR:
                room(3).put(CompactFormat.CHAR).putChar((Character) value);
                return true;
            case BYTES:
                return writeBytes((byte[]) value);
            case COLLECTION:
                return writeCollection((Collection<?>) value);
            case MAP:
                return writeMap((Map<?, ?>) value);
            case ENUM:
                room(1).put(CompactFormat.ENUM);
                Enum<?> constant = (Enum<?>) value;
                writeClass(constant.getDeclaringClass());
                writeString(constant.name());
                return true;
            case RECORD:
                return writeRecord(value);
            default:
                return false;
        }
    }

    private ByteBuffer room(int bytes) {
        buffer = Serializer.grow(buffer, bytes);
        return buffer;
    }

    /**
     * Writes a string as Latin-1 when every character fits in a byte, which is most strings, and
     * as UTF-16 otherwise: one pass both checks and copies, and starts again only for the others.
     */
    private void writeString(String text) {
        int length = text.length();
        room(5 + length).put(CompactFormat.LATIN1).putInt(length);
        int start = buffer.position();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                buffer.put(start - 5, CompactFormat.UTF16).position(start);
                room(2 * length);
                for (int j = 0; j < length; j++) {
                    buffer.putChar(text.charAt(j));
                }
                return;
            }
            buffer.put((byte) c);
        }
    }

    private void writeClass(Class<?> type) {
        ClassNames name = ClassNames.of(type);
        if (!name.writeTo(room(name.size()))) {
            writeString(name.name());
        }
    }

    private boolean writeBytes(byte[] bytes) {
        if (!firstSight(bytes)) {
            return false;
        }
        room(5 + bytes.length).put(CompactFormat.BYTES).putInt(bytes.length).put(bytes);
        return true;
    }

    private boolean writeCollection(Collection<?> collection) {
        byte tag = CompactFormat.collectionTag(collection.getClass());
        if (CompactFormat.mutable(tag) && !firstSight(collection)) {
            return false;
        }
        // one call for the elements: a list's get or an iterator's next would be a call each,
        // at a call site every collection class a process uses shares
        Object[] elements = collection.toArray();
        int size = elements.length;
        if (tag == CompactFormat.LIST_OF && size > 0 && size < 3 && collection.getClass() == LIST_N) {
            tag = CompactFormat.STREAM_LIST;
        }
        if (size >= 2 && collection instanceof List && elements[0] instanceof Integer) {
            room(5 + 4 * size).put((byte) (tag | CompactFormat.INTS)).putInt(size);
            if (PackedInts.put(buffer, elements)) {
                return true;
            }
            buffer.position(buffer.position() - 5);
        }
        int tagAt = room(5).position();
        buffer.put(tag).putInt(size);
        for (Object element : elements) {
            if (element == null && tag == CompactFormat.LIST_OF) {
                buffer.put(tagAt, CompactFormat.STREAM_LIST);
            }
            if (!write(element)) {
                return false;
            }
        }
        return true;
    }

    private boolean writeMap(Map<?, ?> map) {
        byte tag = CompactFormat.collectionTag(map.getClass());
        if (CompactFormat.mutable(tag) && !firstSight(map)) {
            return false;
        }
        room(5).put(tag).putInt(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!write(entry.getKey()) || !write(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private boolean writeRecord(Object record) {
        RecordShape shape = RecordShape.of(record.getClass());
        room(1).put(CompactFormat.RECORD);
        writeClass(record.getClass());
        room(4).putInt(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            if (!write(shape.component(record, i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a mutable object is met for the first time in this value. */
    private boolean firstSight(Object mutable) {
        if (seenMany != null) {
            return seenMany.add(mutable);
        }
        if (seen == null) {
            seen = new Object[SCAN_LIMIT];
        }
        for (int i = 0; i < seenCount; i++) {
            if (seen[i] == mutable) {
                return false;
            }
        }
        if (seenCount < SCAN_LIMIT) {
            seen[seenCount++] = mutable;
            return true;
        }
        seenMany = Collections.newSetFromMap(new IdentityHashMap<>());
        seenMany.addAll(Arrays.asList(seen));
        return seenMany.add(mutable);
    }
}
