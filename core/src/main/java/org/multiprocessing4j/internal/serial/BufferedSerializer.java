package org.multiprocessing4j.internal.serial;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.multiprocessing4j.spi.Serializer;

/**
 * A pipe's or queue's {@link Serializer} with a buffer per thread to serialize into, so that
 * sending allocates nothing per message once the buffer has grown to the usual message size. It
 * crosses into other processes with the pipe or queue, so that every process reads what the others
 * wrote the same way.
 */
public final class BufferedSerializer implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int FIRST_BUFFER = 512;
    /** A buffer grown past this by one large message is not kept for the next. */
    private static final int LARGEST_KEPT = 8 << 20;

    private final Serializer serializer;
    private transient ThreadLocal<ByteBuffer> buffers;

    private BufferedSerializer(Serializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    /**
     * {@code serializer} with a buffer per thread.
     *
     * @param serializer the serializer; serializable, if the pipe or queue is to cross processes
     * @return the buffered serializer
     */
    public static BufferedSerializer of(Serializer serializer) {
        return new BufferedSerializer(serializer);
    }

    /**
     * Serializes {@code value} into this thread's buffer.
     *
     * @param value the object graph
     * @return a heap buffer holding the bytes from 0 to its limit; valid until this thread's next call
     * @throws org.multiprocessing4j.UnserializableObjectException if a class in the graph cannot
     *     be serialized; it names the class
     */
    public ByteBuffer encode(Object value) {
        ThreadLocal<ByteBuffer> local = buffers();
        ByteBuffer buffer = local.get();
        buffer.clear();
        ByteBuffer written = serializer.serialize(value, buffer);
        if (written != buffer) {
            local.set(written.capacity() <= LARGEST_KEPT ? written : ByteBuffer.allocate(FIRST_BUFFER));
        }
        return written.flip();
    }

    /**
     * The object that {@link #encode} wrote, in any process.
     *
     * @param bytes the message
     * @return the object
     * @throws IOException if the bytes are corrupt or a class is missing here
     */
    public Object decode(byte[] bytes) throws IOException {
        try {
            return serializer.deserialize(ByteBuffer.wrap(bytes));
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read a message: " + e, e);
        }
    }

    private ThreadLocal<ByteBuffer> buffers() {
        ThreadLocal<ByteBuffer> local = buffers;
        if (local == null) {
            // racy on purpose: two threads making one each only costs a buffer
            local = ThreadLocal.withInitial(() -> ByteBuffer.allocate(FIRST_BUFFER));
            buffers = local;
        }
        return local;
    }
}
