package org.multiprocessing4j.internal.serial;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.multiprocessing4j.spi.Serializer;

/**
 * {@link Serializer#standard()}: {@link CompactFormat} for the values queues and pipes carry most
 * (strings, numbers, byte arrays, records, enums and the common collections of those), a
 * serializable lambda sent on its own in {@link TargetCodec}'s form, and JDK serialization for
 * everything else.
 *
 * <p>Implementation note. Why not JDK serialization throughout: for a small list it is 33 to 43
 * times slower per message, and its first use in a fresh JVM costs about 50 ms, which every child
 * that reads a queue would pay; this form costs about 6 ms. Why not a serialization library:
 * measured, the fastest (Apache Fory) costs 220 to 320 ms on first use in a fresh JVM and is not
 * faster than this form for these values (docs/decisions/0010-default-serializer.md).
 *
 * <p>The writer tries the compact form first and, when it meets anything outside it, rewrites the
 * whole value with JDK serialization from the same starting position, so a message is one form or
 * the other and never a mix whose parts could not share objects.
 *
 * <p>With a class filter, lambdas are written with JDK serialization too, where the filter checks
 * the class that created them, and a filtered reader refuses lambdas in {@link TargetCodec}'s form,
 * whose captured values it could not check.
 */
public final class CompactSerializer implements Serializer, Serializable {

    private static final long serialVersionUID = 1L;

    /** The unfiltered instance behind {@link Serializer#standard()}. */
    public static final CompactSerializer INSTANCE = new CompactSerializer(ClassFilter.NONE);

    private final ClassFilter filter;

    private CompactSerializer(ClassFilter filter) {
        this.filter = filter;
    }

    /**
     * JDK serialization with this serializer's filter. Looked up only when a value needs it: the
     * class behind it loads the object-stream classes, a few milliseconds that a child reading
     * only compact values never pays.
     */
    private Serializer fallback() {
        return filter.active() ? new JdkSerializer(filter) : JdkSerializer.INSTANCE;
    }

    @Override
    public ByteBuffer serialize(Object value, ByteBuffer buffer) {
        int start = buffer.position();
        if (value != null && !filter.active() && isLambda(value.getClass())) {
            byte[] target = TargetCodec.encode(value, "message");
            return Serializer.grow(buffer, 1 + target.length).put(CompactFormat.TARGET).put(target);
        }
        CompactWriter writer = new CompactWriter(buffer);
        if (writer.write(value)) {
            return writer.buffer();
        }
        // the writer may have replaced the buffer; the new one holds the same bytes before start
        ByteBuffer restarted = writer.buffer().position(start);
        return fallback().serialize(value, Serializer.grow(restarted, 1).put(CompactFormat.JDK));
    }

    @Override
    public Object deserialize(ByteBuffer buffer) throws IOException, ClassNotFoundException {
        if (!buffer.hasRemaining()) {
            throw new EOFException("no value");
        }
        byte tag = buffer.get(buffer.position());
        if (tag == CompactFormat.JDK) {
            return fallback().deserialize(buffer.position(buffer.position() + 1));
        }
        if (tag == CompactFormat.TARGET) {
            if (filter.active()) {
                throw new InvalidClassException("java.lang.invoke.SerializedLambda",
                        "a filtered reader takes lambdas only in JDK serialization's form");
            }
            byte[] target = new byte[buffer.remaining() - 1];
            buffer.position(buffer.position() + 1).get(target);
            return TargetCodec.decode(target);
        }
        try {
            Object value = new CompactReader(buffer, filter).read();
            if (buffer.hasRemaining()) {
                throw new StreamCorruptedException(buffer.remaining() + " bytes after the value");
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw (EOFException) new EOFException("the value is cut short").initCause(e);
        } catch (NullPointerException | IllegalArgumentException e) {
            // List.of, Set.of and Map.ofEntries refuse nulls and duplicates that only corrupt bytes hold
            throw (StreamCorruptedException) new StreamCorruptedException(e.toString()).initCause(e);
        }
    }

    @Override
    public Serializer withClassFilter(Predicate<String> allowed) {
        return new CompactSerializer(ClassFilter.allowing(allowed));
    }

    /** Lambda classes are hidden and synthetic; a serializable one implements Serializable. */
    private static boolean isLambda(Class<?> type) {
        return type.isSynthetic() && Serializable.class.isAssignableFrom(type);
    }

    private Object readResolve() {
        return filter.active() ? this : INSTANCE;
    }
}
