package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import java.lang.reflect.Array;
import java.util.Map;

/**
 * The pieces a cluster array is kept in, and the entry processors that change one element of a
 * piece atomically on the member that owns it. A piece holds {@value #ELEMENTS} elements (the
 * last one fewer) as a Java array: {@code int[]} for ints, {@code long[]} for longs and for doubles
 * (their raw bits, so that compare-and-set compares bits), {@code byte[]} for bytes. A piece
 * nobody has written to is not in the map, and reads as zeros.
 */
final class ArrayChunks {

    /** Elements in a piece: small enough that changing one element moves little, large enough for few entries. */
    static final int ELEMENTS = 1024;

    /** How the pieces of an array hold its elements, each element read and written as a {@code long}. */
    enum Kind {
        INT, LONG, DOUBLE, BYTE;

        Object newChunk(int length) {
            return switch (this) {
                case INT -> new int[length];
                case LONG, DOUBLE -> new long[length];
                case BYTE -> new byte[length];
            };
        }

        long get(Object chunk, int index) {
            return switch (this) {
                case INT -> ((int[]) chunk)[index];
                case LONG, DOUBLE -> ((long[]) chunk)[index];
                case BYTE -> ((byte[]) chunk)[index];
            };
        }

        void set(Object chunk, int index, long bits) {
            switch (this) {
                case INT -> ((int[]) chunk)[index] = (int) bits;
                case LONG, DOUBLE -> ((long[]) chunk)[index] = bits;
                case BYTE -> ((byte[]) chunk)[index] = (byte) bits;
            }
        }

        /** {@code before + delta}, wrapped to the element's width; for doubles, both are raw bits. */
        long add(long before, long delta) {
            return switch (this) {
                case INT -> (int) before + (int) delta;
                case LONG -> before + delta;
                case DOUBLE -> Double.doubleToRawLongBits(Double.longBitsToDouble(before) + Double.longBitsToDouble(delta));
                case BYTE -> (byte) (before + delta);
            };
        }
    }

    private ArrayChunks() {
    }

    private static Object chunk(Map.Entry<String, Object> entry, Kind kind, int length) {
        return entry.getValue() == null ? kind.newChunk(length) : entry.getValue();
    }

    /** Reads one element. */
    record Read(Kind kind, int index) implements EntryProcessor<String, Object, Long> {
        @Override
        public Long process(Map.Entry<String, Object> entry) {
            return entry.getValue() == null ? 0 : kind.get(entry.getValue(), index);
        }

        @Override
        public EntryProcessor<String, Object, Long> getBackupProcessor() {
            return null;
        }
    }

    /** Writes one element; answers what it held. */
    record Write(Kind kind, int length, int index, long bits) implements EntryProcessor<String, Object, Long> {
        @Override
        public Long process(Map.Entry<String, Object> entry) {
            Object chunk = chunk(entry, kind, length);
            long before = kind.get(chunk, index);
            kind.set(chunk, index, bits);
            entry.setValue(chunk);
            return before;
        }
    }

    /** Writes one element if it holds {@code expected}; answers whether it did. */
    record CompareAndSet(Kind kind, int length, int index, long expected, long bits)
            implements EntryProcessor<String, Object, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Object> entry) {
            Object chunk = chunk(entry, kind, length);
            if (kind.get(chunk, index) != expected) {
                return false;
            }
            kind.set(chunk, index, bits);
            entry.setValue(chunk);
            return true;
        }
    }

    /** Adds to one element; answers what it held. */
    record Add(Kind kind, int length, int index, long delta) implements EntryProcessor<String, Object, Long> {
        @Override
        public Long process(Map.Entry<String, Object> entry) {
            Object chunk = chunk(entry, kind, length);
            long before = kind.get(chunk, index);
            kind.set(chunk, index, kind.add(before, delta));
            entry.setValue(chunk);
            return before;
        }
    }

    /** Writes {@code elements}, an array of the piece's type, from element {@code index} on. */
    record WriteRange(Kind kind, int length, int index, Object elements)
            implements EntryProcessor<String, Object, Void> {
        @Override
        public Void process(Map.Entry<String, Object> entry) {
            Object chunk = chunk(entry, kind, length);
            System.arraycopy(elements, 0, chunk, index, Array.getLength(elements));
            entry.setValue(chunk);
            return null;
        }
    }
}
