package org.multiprocessing4j.internal.pool;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.multiprocessing4j.internal.shm.SentEnds;
import org.multiprocessing4j.internal.serial.BufferedSerializer;

/**
 * Serializes functions and arguments in the callers' threads, so that what cannot be serialized
 * fails there; a stateless lambda (one that captures nothing, whose bytes never change) once per
 * pool, under one id, so that workers deserialize it once rather than once per call.
 */
final class FunctionEncoder {

    /** Lambda classes without captured values: their instances are all alike. */
    private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isSynthetic() && type.getDeclaredFields().length == 0;
        }
    };

    private final PoolEngine engine;
    private final BufferedSerializer codec;
    /** The last stateless functions encoded; a lambda class's instance is a singleton. */
    private final Map<Object, EncodedFunction> stateless = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, EncodedFunction> eldest) {
            return size() > FunctionCache.CAPACITY;
        }
    };

    FunctionEncoder(PoolEngine engine) {
        this.engine = engine;
        this.codec = BufferedSerializer.of(engine.settings.serializer());
    }

    /**
     * Serializes a function in the caller's thread, once for every call with the same stateless
     * lambda (one that captures nothing, so that its bytes never change).
     *
     * @throws org.multiprocessing4j.UnserializableObjectException naming the class that is not
     *     serializable
     */
    EncodedFunction encodeFunction(Object function) {
        if (!STATELESS.get(function.getClass())) {
            return new EncodedFunction(engine.nextId(), encode(function));
        }
        synchronized (stateless) {
            EncodedFunction known = stateless.get(function);
            if (known == null) {
                known = new EncodedFunction(engine.nextId(), encode(function));
                stateless.put(function, known);
            }
            return known;
        }
    }

    /**
     * Serializes a function or a list of arguments in the caller's thread.
     *
     * @throws org.multiprocessing4j.UnserializableObjectException naming the class that is not
     *     serializable
     */
    byte[] encode(Object value) {
        // pipe ends in what fails to serialize are given back (see SentEnds)
        int mark = SentEnds.begin();
        boolean encoded = false;
        try {
            ByteBuffer bytes = codec.encode(value);
            encoded = true;
            return Arrays.copyOf(bytes.array(), bytes.limit());
        } finally {
            SentEnds.end(mark, encoded);
        }
    }

    /** Whether {@code value} can be serialized; what trying sent in flight is given back. */
    boolean serializes(Object value) {
        int mark = SentEnds.begin();
        try {
            codec.encode(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        } finally {
            SentEnds.giveBack(mark);
        }
    }
}
