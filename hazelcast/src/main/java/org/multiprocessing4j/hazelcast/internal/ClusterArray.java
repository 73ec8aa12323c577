package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.IMap;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedArray;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * A shared array of the cluster, kept in pieces of {@value ArrayChunks#ELEMENTS} elements, one map
 * entry each (see {@link ArrayChunks}). An element's read, write and atomic update is one entry
 * processor on the member that owns its piece; a bulk copy reads all the pieces it touches at once
 * and writes whole pieces at once. A buffer view has no meaning here: the elements are in the
 * members' memory, not in this process's.
 */
abstract sealed class ClusterArray implements SharedArray, Serializable
        permits ClusterArrays.IntArray, ClusterArrays.LongArray, ClusterArrays.DoubleArray, ClusterArrays.ByteArray {

    private static final long serialVersionUID = 1L;
    static final String MAP = "multiprocessing4j.arrays";

    final transient ClusterRuntime runtime;
    final transient String id;
    private final transient int length;
    final transient ArrayChunks.Kind kind;
    private final transient RobustLock lock;

    ClusterArray(ClusterRuntime runtime, String id, int length, ArrayChunks.Kind kind, RobustLock lock) {
        this.runtime = runtime;
        this.id = id;
        this.length = length;
        this.kind = kind;
        this.lock = lock;
    }

    /** A new array of zeros; {@code lock} is {@code null} for a raw one. */
    static ClusterArray create(ClusterRuntime runtime, ArrayChunks.Kind kind, int length, RobustLock lock) {
        if (length < 0) {
            throw new IllegalArgumentException("a shared array's length must be at least 0: " + length);
        }
        return bind(runtime, UUID.randomUUID().toString(), kind, length, lock);
    }

    private static ClusterArray bind(ClusterRuntime runtime, String id, ArrayChunks.Kind kind, int length,
            RobustLock lock) {
        return switch (kind) {
            case INT -> new ClusterArrays.IntArray(runtime, id, length, lock);
            case LONG -> new ClusterArrays.LongArray(runtime, id, length, lock);
            case DOUBLE -> new ClusterArrays.DoubleArray(runtime, id, length, lock);
            case BYTE -> new ClusterArrays.ByteArray(runtime, id, length, lock);
        };
    }

    @Override
    public final int length() {
        return length;
    }

    @Override
    public final RobustLock lock() {
        if (lock == null) {
            throw new UnsupportedOperationException("a raw shared value or array has no lock: one made with"
                    + " sharedLongArray(length) or sharedLongArray(length, lock), or their kin, has one");
        }
        return lock;
    }

    private IMap<String, Object> map() {
        return runtime.instance().getMap(MAP);
    }

    private String key(int chunk) {
        return id + "/" + chunk;
    }

    private int chunkLength(int chunk) {
        return Math.min(ArrayChunks.ELEMENTS, length - chunk * ArrayChunks.ELEMENTS);
    }

    final long getBits(int index) {
        Objects.checkIndex(index, length);
        ArrayChunks.Read read = new ArrayChunks.Read(kind, index % ArrayChunks.ELEMENTS);
        return runtime.partitionCalls().executeOnKey(MAP, key(index / ArrayChunks.ELEMENTS), read);
    }

    /** Writes an element; answers what it held. */
    final long setBits(int index, long bits) {
        Objects.checkIndex(index, length);
        int chunk = index / ArrayChunks.ELEMENTS;
        ArrayChunks.Write write = new ArrayChunks.Write(kind, chunkLength(chunk), index % ArrayChunks.ELEMENTS, bits);
        return runtime.partitionCalls().executeOnKey(MAP, key(chunk), write);
    }

    final boolean compareAndSetBits(int index, long expected, long bits) {
        Objects.checkIndex(index, length);
        int chunk = index / ArrayChunks.ELEMENTS;
        ArrayChunks.CompareAndSet change = new ArrayChunks.CompareAndSet(kind, chunkLength(chunk),
                index % ArrayChunks.ELEMENTS, expected, bits);
        return runtime.partitionCalls().executeOnKey(MAP, key(chunk), change);
    }

    final long getAndAddBits(int index, long delta) {
        Objects.checkIndex(index, length);
        int chunk = index / ArrayChunks.ELEMENTS;
        ArrayChunks.Add add = new ArrayChunks.Add(kind, chunkLength(chunk), index % ArrayChunks.ELEMENTS, delta);
        return runtime.partitionCalls().executeOnKey(MAP, key(chunk), add);
    }

    /** Copies {@code count} elements from element {@code index} into {@code target} from {@code offset} on. */
    final void copyOut(int index, Object target, int offset, int count) {
        Objects.checkFromIndexSize(index, count, length);
        Objects.checkFromIndexSize(offset, count, Array.getLength(target));
        if (count == 0) {
            return;
        }
        int first = index / ArrayChunks.ELEMENTS;
        int last = (index + count - 1) / ArrayChunks.ELEMENTS;
        Set<String> keys = new LinkedHashSet<>();
        for (int chunk = first; chunk <= last; chunk++) {
            keys.add(key(chunk));
        }
        Map<String, Object> chunks = ClusterCalls.regardless(() -> map().getAll(keys));
        for (int chunk = first; chunk <= last; chunk++) {
            int from = Math.max(index, chunk * ArrayChunks.ELEMENTS);
            int to = Math.min(index + count, (chunk + 1) * ArrayChunks.ELEMENTS);
            unpack(chunks.get(key(chunk)), from - chunk * ArrayChunks.ELEMENTS, target, offset + from - index,
                    to - from);
        }
    }

    /** Copies {@code count} elements of {@code source} from {@code offset} on into the array from element {@code index} on. */
    final void copyIn(Object source, int offset, int index, int count) {
        Objects.checkFromIndexSize(offset, count, Array.getLength(source));
        Objects.checkFromIndexSize(index, count, length);
        if (count == 0) {
            return;
        }
        Map<String, Object> whole = new HashMap<>();
        for (int chunk = index / ArrayChunks.ELEMENTS; chunk <= (index + count - 1) / ArrayChunks.ELEMENTS; chunk++) {
            int from = Math.max(index, chunk * ArrayChunks.ELEMENTS);
            int to = Math.min(index + count, (chunk + 1) * ArrayChunks.ELEMENTS);
            Object slice = pack(source, offset + from - index, to - from);
            if (to - from == chunkLength(chunk)) {
                whole.put(key(chunk), slice);
            } else {
                String piece = key(chunk);
                ArrayChunks.WriteRange write = new ArrayChunks.WriteRange(kind, chunkLength(chunk),
                        from - chunk * ArrayChunks.ELEMENTS, slice);
                runtime.partitionCalls().executeOnKey(MAP, piece, write);
            }
        }
        ClusterCalls.regardless(() -> {
            map().putAll(whole);
            return null;
        });
    }

    /** Sets every element to {@code bits}. */
    final void fillBits(long bits) {
        Map<String, Object> chunks = new HashMap<>();
        for (int chunk = 0; chunk * ArrayChunks.ELEMENTS < length; chunk++) {
            Object filled = kind.newChunk(chunkLength(chunk));
            for (int i = 0; i < chunkLength(chunk); i++) {
                kind.set(filled, i, bits);
            }
            chunks.put(key(chunk), filled);
        }
        ClusterCalls.regardless(() -> {
            map().putAll(chunks);
            return null;
        });
    }

    /**
     * Copies {@code count} elements of a piece, {@code null} for one of zeros, from {@code from}
     * into {@code target}, a Java array of the public type, from {@code offset} on. The same copy
     * for the types whose pieces are of the public type.
     */
    void unpack(Object chunk, int from, Object target, int offset, int count) {
        System.arraycopy(chunk == null ? kind.newChunk(count) : chunk, chunk == null ? 0 : from, target, offset, count);
    }

    /** A piece's worth of {@code count} elements of {@code source}, a Java array of the public type. */
    Object pack(Object source, int offset, int count) {
        Object slice = kind.newChunk(count);
        System.arraycopy(source, offset, slice, 0, count);
        return slice;
    }

    /** What {@code asBuffer()} throws. */
    static UnsupportedOperationException noBuffer() {
        return new UnsupportedOperationException("a cluster's array lives in the memory of its members, which"
                + " no buffer of this process can map: copy it with copyTo, copyFrom or toArray");
    }

    final Object writeReplace() {
        return new Handle(runtime.options().asMap(), id, kind, length, lock);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared array is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String id;
        private final ArrayChunks.Kind kind;
        private final int length;
        private final RobustLock lock;

        Handle(Map<String, String> options, String id, ArrayChunks.Kind kind, int length, RobustLock lock) {
            this.options = Map.copyOf(options);
            this.id = id;
            this.kind = kind;
            this.length = length;
            this.lock = lock;
        }

        @Override
        protected Object bind() {
            return ClusterArray.bind(ClusterRuntime.of(ClusterOptions.of(options)), id, kind, length, lock);
        }
    }
}
