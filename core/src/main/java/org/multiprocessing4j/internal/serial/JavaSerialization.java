package org.multiprocessing4j.internal.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import org.multiprocessing4j.UnserializableObjectException;

/** JDK serialization of targets and exceptions, with the offending class named on failure. */
public final class JavaSerialization {

    private JavaSerialization() {
    }

    /**
     * Serializes {@code value}.
     *
     * @param value the object graph
     * @param what what it is, for the error message
     * @return its bytes
     * @throws UnserializableObjectException if a class in the graph is not serializable
     */
    public static byte[] serialize(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            // the JDK puts the class name, and nothing else, in the message
            throw new UnserializableObjectException(what, e.getMessage(), e);
        } catch (IOException e) {
            // other failures come from a writeObject method of the graph's own classes
            throw new UncheckedIOException("cannot serialize the " + what + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads back what {@link #serialize} wrote, resolving classes through the calling thread's
     * context class loader first, so that an application with its own class loaders finds its
     * classes.
     *
     * @param bytes the serialized form
     * @return the object
     * @throws IOException if the bytes are corrupt or a class's own reading fails
     * @throws ClassNotFoundException if a class is missing
     */
    public static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        ClassLoader threadLoader = Thread.currentThread().getContextClassLoader();
        ClassLoader context = threadLoader != null ? threadLoader : JavaSerialization.class.getClassLoader();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            return in.readObject();
        }
    }
}
