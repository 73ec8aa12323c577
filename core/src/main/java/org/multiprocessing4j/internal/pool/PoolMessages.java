package org.multiprocessing4j.internal.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.multiprocessing4j.spi.Serializer;

/**
 * The messages between the parent and a worker, as bytes on the worker's pipe. Each starts with a
 * kind byte; the serialized parts are written by the pool's {@link Serializer}, each but the last
 * preceded by its length, since a serializer reads a value that fills its buffer.
 *
 * <pre>
 *   to a worker:   TASKS batch:i64 functionId:i64 functionLength:i32 function? arguments
 *                  STOP
 *   to the parent: DONE batch:i64 results
 *                  FAILED batch:i64 index:i32 resultsLength:i32 results exception
 *                  READY                                   started, the initializer run
 *                  INIT_FAILED exception
 *                  RETIRING
 *                  ANSWERS count:i32 (length:i32 answer)*     several DONE or FAILED at once
 * </pre>
 *
 * A function length of -1 means the worker has that function already (see
 * {@link FunctionCache}). {@code arguments} and {@code results} are lists; {@code results} of a
 * failed batch holds the results of the items before the one that failed. An exception is in
 * {@link org.multiprocessing4j.internal.serial.ThrowableTransport}'s form.
 */
final class PoolMessages {

    static final byte TASKS = 1;
    static final byte STOP = 2;
    static final byte DONE = 3;
    static final byte FAILED = 4;
    static final byte INIT_FAILED = 5;
    static final byte RETIRING = 6;
    static final byte ANSWERS = 7;
    static final byte READY = 8;

    static final int NO_FUNCTION = -1;

    private PoolMessages() {
    }

    /** Writes {@code value} after a length word; returns the buffer written to. */
    static ByteBuffer putSized(Serializer serializer, Object value, ByteBuffer buffer) {
        buffer = Serializer.grow(buffer, Integer.BYTES);
        int at = buffer.position();
        buffer.putInt(0);
        buffer = serializer.serialize(value, buffer);
        buffer.putInt(at, buffer.position() - at - Integer.BYTES);
        return buffer;
    }

    /** Writes raw bytes; returns the buffer written to. */
    static ByteBuffer putBytes(byte[] bytes, ByteBuffer buffer) {
        return Serializer.grow(buffer, bytes.length).put(bytes);
    }

    /** Reads a value written by {@link #putSized}. */
    static Object getSized(Serializer serializer, ByteBuffer buffer) throws IOException, ClassNotFoundException {
        int length = buffer.getInt();
        return getSlice(serializer, buffer, length);
    }

    /** Reads the value in the next {@code length} bytes. */
    static Object getSlice(Serializer serializer, ByteBuffer buffer, int length)
            throws IOException, ClassNotFoundException {
        ByteBuffer slice = buffer.slice().limit(length).order(buffer.order());
        buffer.position(buffer.position() + length);
        return serializer.deserialize(slice);
    }

    /** Reads the value that fills the rest of the buffer. */
    static Object getRest(Serializer serializer, ByteBuffer buffer) throws IOException, ClassNotFoundException {
        return serializer.deserialize(buffer);
    }

    /** The rest of the buffer's bytes. */
    static byte[] rest(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A list read from the wire, checked. */
    static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new UncheckedIOException(new IOException("a pool message holds a "
                + (value == null ? "null" : value.getClass().getName()) + " where a list belongs"));
    }
}
