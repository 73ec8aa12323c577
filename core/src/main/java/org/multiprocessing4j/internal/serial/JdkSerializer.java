package org.multiprocessing4j.internal.serial;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.spi.Serializer;

/**
 * {@link Serializer#jdk()}: one object stream per value, written straight into the caller's
 * buffer and read straight from it.
 *
 * <p>Classes resolve through the calling thread's context class loader first, as in
 * {@link JavaSerialization}, so that an application with class loaders of its own finds its
 * classes. The class filter is applied in {@code resolveClass}, before the class is loaded, rather
 * than as an {@link java.io.ObjectInputFilter}, which the stream calls only once the class is
 * loaded.
 */
public final class JdkSerializer implements Serializer, Serializable {

    private static final long serialVersionUID = 1L;

    /** The unfiltered instance behind {@link Serializer#jdk()}. */
    public static final JdkSerializer INSTANCE = new JdkSerializer(ClassFilter.NONE);

    private final ClassFilter filter;

    JdkSerializer(ClassFilter filter) {
        this.filter = filter;
    }

    @Override
    public ByteBuffer serialize(Object value, ByteBuffer buffer) {
        BufferStreams.Output bytes = new BufferStreams.Output(buffer);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new UnserializableObjectException("message", e.getMessage(), e); // its message is the class name
        } catch (IOException e) {
            throw new UncheckedIOException("a writeObject method failed: " + e, e);
        }
        return bytes.buffer();
    }

    @Override
    public Object deserialize(ByteBuffer buffer) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new FilteredInput(buffer, filter)) {
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

    /** An object stream that checks each class's name, then loads it where the caller would. */
    private static final class FilteredInput extends ObjectInputStream {
        private final ClassFilter filter;
        private final ClassLoader loader;

        FilteredInput(ByteBuffer buffer, ClassFilter filter) throws IOException {
            super(new BufferStreams.Input(buffer));
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
                filter.check(name);
            }
            return super.resolveProxyClass(interfaces);
        }
    }
}
