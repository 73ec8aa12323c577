package org.multiprocessing4j.internal.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.spi.Serializer;

/**
 * JDK serialization, the library's one path to object streams: {@link Serializer#jdk()}, which
 * writes straight into the caller's buffer and reads straight from it, and {@link #toBytes} and
 * {@link #fromBytes} for the targets, captured values and exceptions that other codecs hand over.
 *
 * <p>Classes resolve through the calling thread's context class loader first, so that an
 * application with class loaders of its own finds its classes. The class filter is applied in
 * {@code resolveClass}, before the class is loaded, rather than as an
 * {@link java.io.ObjectInputFilter}, which the stream calls only once the class is loaded.
 */
public final class JdkSerializer implements Serializer, Serializable {

    private static final long serialVersionUID = 1L;

    /** The unfiltered instance behind {@link Serializer#jdk()}. */
    public static final JdkSerializer INSTANCE = new JdkSerializer(ClassFilter.NONE);

    private final ClassFilter filter;

    JdkSerializer(ClassFilter filter) {
        this.filter = filter;
    }

    /**
     * Serializes {@code value} on its own.
     *
     * @param value the object graph
     * @param what what it is, for the error message
     * @return its bytes
     * @throws UnserializableObjectException if a class in the graph is not serializable
     */
    public static byte[] toBytes(Object value, String what) {
        return toBytes(value, what, null);
    }

    /**
     * Serializes {@code value} on its own, and names the classes whose descriptors it wrote.
     *
     * @param value the object graph
     * @param what what it is, for the error message
     * @param classes where the name of each class of the graph goes, or {@code null}
     * @return its bytes
     * @throws UnserializableObjectException if a class in the graph is not serializable
     */
    public static byte[] toBytes(Object value, String what, Set<String> classes) {
        ByteBuffer written = write(value, new BufferStreams.Output(ByteBuffer.allocate(512)), what, classes).buffer();
        return Arrays.copyOf(written.array(), written.position());
    }

    /**
     * Reads back what {@link #toBytes} wrote, without a class filter: for what this process's own
     * parent or children wrote.
     *
     * @param bytes the serialized form
     * @return the object
     * @throws IOException if the bytes are corrupt or a class's own reading fails
     * @throws ClassNotFoundException if a class is missing
     */
    public static Object fromBytes(byte[] bytes) throws IOException, ClassNotFoundException {
        return INSTANCE.deserialize(ByteBuffer.wrap(bytes));
    }

    @Override
    public ByteBuffer serialize(Object value, ByteBuffer buffer) {
        return write(value, new BufferStreams.Output(buffer), "message", null).buffer();
    }

    private static BufferStreams.Output write(Object value, BufferStreams.Output bytes, String what,
            Set<String> classes) {
        try (ObjectOutputStream out = classes == null ? new ObjectOutputStream(bytes) : new Recording(bytes, classes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            // the JDK puts the class name, and nothing else, in the message
            throw new UnserializableObjectException(what, e.getMessage(), e);
        } catch (IOException e) {
            // other failures come from a writeObject method of the graph's own classes
            throw new UncheckedIOException("cannot serialize the " + what + ": " + e, e);
        }
        return bytes;
    }

    @Override
    public Object deserialize(ByteBuffer buffer) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new FilteredInput(new BufferStreams.Input(buffer), filter)) {
            Object value = in.readObject();
            if (buffer.hasRemaining()) {
                throw new StreamCorruptedException(buffer.remaining() + " bytes after the value");
            }
            return value;
        }
    }

    @Override
    public Serializer withClassFilter(Predicate<String> allowed) {
        return new JdkSerializer(ClassFilter.allowing(allowed));
    }

    private Object readResolve() {
        return filter.active() ? this : INSTANCE;
    }

    /** An object stream that names each class whose descriptor it writes. */
    private static final class Recording extends ObjectOutputStream {
        private final Set<String> classes;

        Recording(OutputStream bytes, Set<String> classes) throws IOException {
            super(bytes);
            this.classes = classes;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            classes.add(type.getName());
        }
    }

    /** An object stream that checks each class's name, then loads it where the caller would. */
    private static final class FilteredInput extends ObjectInputStream {
        private final ClassFilter filter;
        private final ClassLoader loader;

        FilteredInput(InputStream bytes, ClassFilter filter) throws IOException {
            super(bytes);
            this.filter = filter;
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            this.loader = context != null ? context : JdkSerializer.class.getClassLoader();
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            filter.check(desc.getName());
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                // primitive types and classes only the stream's default loader sees
                return super.resolveClass(desc);
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
            for (String name : interfaces) {
                filter.checkProxyInterface(name);
            }
            return super.resolveProxyClass(interfaces);
        }
    }
}
