package org.multiprocessing4j.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.multiprocessing4j.internal.serial.CompactSerializer;
import org.multiprocessing4j.internal.serial.JdkSerializer;

/**
 * Turns the objects that travel between processes (queue items, pipe messages, task arguments and
 * results) into bytes and back. Each queue or pipe takes one; both of its ends must use the same.
 *
 * <h2>What must be supported</h2>
 * Every built-in serializer accepts exactly what JDK serialization accepts, so that choosing one
 * never changes which programs work: {@code null}, strings, boxed primitives, {@code byte[]} and
 * other arrays, records and other {@link java.io.Serializable} classes, the JDK's collections
 * including the immutable ones of {@code List.of}, {@code Set.of} and {@code Map.of}, and
 * serializable lambdas and method references (see {@link org.multiprocessing4j.function}). A value
 * comes back equal to what was sent and of the same class. Within one value, a mutable object or
 * array that appears more than once comes back as one object, and cycles are kept; an immutable
 * one (a string, a record, {@code List.of}) met twice may come back as two equal copies, which only
 * {@code ==} tells apart. A {@code byte[]} is copied whole, without per-element work.
 *
 * <h2>Buffers</h2>
 * Serializing writes into a buffer the caller supplies and reuses, so that a queue's hot path
 * allocates nothing per message beyond what decoding must create: {@link #serialize} appends at the
 * buffer's position and, when the value does not fit, returns a larger buffer holding everything
 * written so far (see {@link #grow}), which the caller keeps for next time. {@link #deserialize}
 * reads one value that fills the buffer from its position to its limit: framing (how long a
 * message is) belongs to the transport, so that a serializer never reads past its own bytes.
 * Numbers are written in the buffer's byte order, so both ends use buffers of the same order
 * (big-endian, {@code ByteBuffer}'s default, unless both change it).
 *
 * <h2>Errors</h2>
 * A value that cannot be serialized fails in the process that sends it, before anything is sent,
 * with an {@link org.multiprocessing4j.UnserializableObjectException} naming the offending class;
 * the buffer's content past its position at the call is then unspecified. Bytes that cannot be read
 * fail with an {@link IOException} ({@link java.io.InvalidClassException} for a class the
 * {@linkplain #withClassFilter class filter} refuses), a class missing in the receiving process
 * with a {@link ClassNotFoundException}.
 *
 * <h2>Data from other machines</h2>
 * Deserializing can create objects of any class on the class path, and some classes do harm when
 * created from crafted bytes. Data from a network peer must be read by a serializer made with
 * {@link #withClassFilter}, which refuses every class outside an allow list before loading it.
 *
 * <h2>Thread safety</h2>
 * Implementations are safe for concurrent use by any number of threads and hold no state that
 * depends on earlier calls, so one instance serves every queue and pipe of a program.
 *
 * <p>A queue or pipe that a target captures carries its serializer to the child, so an
 * implementation should be {@link java.io.Serializable}. The built-in ones are, and so is a
 * filtering one whose filter is (a class, or a lambda cast to
 * {@code Predicate<String> & Serializable}).
 */
public interface Serializer {

    /**
     * Appends the serialized form of {@code value} to {@code buffer}, from its position on.
     *
     * @param value the value, may be {@code null}
     * @param buffer where to write; its position advances past the value
     * @return {@code buffer} when the value fit, otherwise a larger buffer with the same content
     *     up to the value's end, positioned after it
     * @throws org.multiprocessing4j.UnserializableObjectException if the value, or something it
     *     refers to, cannot be serialized
     */
    ByteBuffer serialize(Object value, ByteBuffer buffer);

    /**
     * Reads the value that occupies {@code buffer} from its position to its limit.
     *
     * @param buffer the serialized form; on return its position is at its limit
     * @return the value, may be {@code null}
     * @throws IOException if the bytes are corrupt or name a class the filter refuses
     * @throws ClassNotFoundException if a class is missing in this process
     */
    Object deserialize(ByteBuffer buffer) throws IOException, ClassNotFoundException;

    /**
     * A serializer that writes like this one and reads only the classes {@code allowed} accepts.
     *
     * <p>The filter sees each class's binary name before the class is loaded: for an array, the
     * name of its element type; for a lambda, the name of the class that created it. Primitive
     * types, strings, boxed primitives and the collections of {@code java.util} that hold them
     * ({@code ArrayList}, {@code HashMap}, {@code List.of}…) are data rather than behaviour and are
     * accepted without asking. A typical filter accepts the application's own message types:
     * {@code name -> name.startsWith("com.example.messages.")}.
     *
     * @param allowed accepts the binary names of the classes that may be read
     * @return the filtering serializer
     */
    Serializer withClassFilter(Predicate<String> allowed);

    /**
     * The default serializer: a compact form of its own for strings, boxed primitives, byte arrays,
     * records and the common collections of those, and JDK serialization for anything else.
     *
     * @return the shared instance
     */
    static Serializer standard() {
        return CompactSerializer.INSTANCE;
    }

    /**
     * JDK serialization ({@link java.io.ObjectOutputStream}) for every value: slower, but byte
     * for byte what other Java programs expect.
     *
     * @return the shared instance
     */
    static Serializer jdk() {
        return JdkSerializer.INSTANCE;
    }

    /**
     * Returns a buffer with room for at least {@code needed} more bytes: {@code buffer} itself when
     * it has them, otherwise a new one (direct if {@code buffer} is) of at least twice the size,
     * holding {@code buffer}'s bytes from 0 to its position and positioned after them. For
     * implementations of {@link #serialize}.
     *
     * @param buffer the buffer written so far
     * @param needed how many more bytes are about to be written
     * @return a buffer with at least {@code needed} bytes remaining
     */
    static ByteBuffer grow(ByteBuffer buffer, int needed) {
        if (buffer.remaining() >= needed) {
            return buffer;
        }
        long wanted = Math.max((long) buffer.position() + needed, 2L * buffer.capacity());
        int capacity = (int) Math.min(wanted, Integer.MAX_VALUE - 8);
        if (capacity - buffer.position() < needed) {
            throw new OutOfMemoryError("a serialized value cannot exceed 2 GiB");
        }
        ByteBuffer larger = buffer.isDirect() ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        larger.order(buffer.order());
        return larger.put(buffer.duplicate().flip());
    }
}
