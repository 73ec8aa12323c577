package org.multiprocessing4j.hazelcast.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.multiprocessing4j.spi.Serializer;

/**
 * Values as the byte arrays the cluster keeps: what a serializer writes into a buffer, copied out,
 * and back.
 */
final class SerializedBytes {

    private SerializedBytes() {
    }

    /** {@code value} serialized; fails, naming the class, if it cannot be. */
    static byte[] of(Serializer serializer, Object value) {
        ByteBuffer buffer = serializer.serialize(value, ByteBuffer.allocate(256));
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The value {@code bytes} hold; an element that cannot be read here fails as a broken state. */
    static Object read(Serializer serializer, byte[] bytes) {
        try {
            return serializer.deserialize(ByteBuffer.wrap(bytes));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a value kept by the cluster cannot be read here: " + e, e);
        }
    }
}
