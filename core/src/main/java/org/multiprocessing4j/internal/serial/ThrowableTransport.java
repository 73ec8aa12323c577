package org.multiprocessing4j.internal.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.multiprocessing4j.RemoteTaskException;

/**
 * Carries an exception to another process with its stack trace.
 *
 * <p>The wire form holds the exception serialized as it is, when that works, and always a stand-in
 * made of {@link RemoteTaskException}s (type name, message, stack trace, causes, suppressed), which
 * every process can read. The receiver takes the original when it can load and read it, and the
 * stand-in otherwise: an exception whose class is missing on the other side, or that holds
 * something unserializable, still arrives with its whole story.
 */
public final class ThrowableTransport {

    /** Reads a stand-in from a network peer: nothing but what a stand-in is made of. */
    private static final JdkSerializer STAND_IN_READER = new JdkSerializer(ClassFilter.allowing(java.util.Set.of(
            RemoteTaskException.class.getName(), RuntimeException.class.getName(), Exception.class.getName(),
            Throwable.class.getName(), StackTraceElement.class.getName(), "[Ljava.lang.StackTraceElement;",
            "[Ljava.lang.Throwable;")::contains));

    /**
     * Reads an original exception from a network peer only if it is made of the JDK's exceptions
     * (with their stack traces), whose classes a peer cannot choose to run code with.
     */
    private static final JdkSerializer JDK_EXCEPTION_READER = new JdkSerializer(
            ClassFilter.allowing(ThrowableTransport::isJdkExceptionPart));

    private ThrowableTransport() {
    }

    /**
     * Encodes {@code failure} for another process.
     *
     * @param failure the exception
     * @return its wire form
     */
    public static byte[] encode(Throwable failure) {
        byte[] original;
        try {
            original = JdkSerializer.toBytes(failure, "exception");
        } catch (RuntimeException e) {
            original = new byte[0];
        }
        byte[] standIn = JdkSerializer.toBytes(standIn(failure), "exception");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(original.length + standIn.length + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(original.length);
            out.write(original);
            out.writeInt(standIn.length);
            out.write(standIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @param wire the wire form
     * @return the original exception, or its stand-in
     * @throws IOException if the bytes are corrupt
     */
    public static Throwable decode(byte[] wire) throws IOException {
        return decode(wire, true);
    }

    /**
     * Decodes what {@link #encode} wrote. From a network peer, the original is read only if it is
     * made of the JDK's own exceptions; otherwise the stand-in, whose classes are this library's.
     *
     * @param wire the wire form
     * @param trusted whether the sender is a process of this machine's own
     * @return the original exception, or its stand-in
     * @throws IOException if the bytes are corrupt
     */
    public static Throwable decode(byte[] wire, boolean trusted) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
        byte[] original = in.readNBytes(in.readInt());
        byte[] standIn = in.readNBytes(in.readInt());
        if (original.length > 0) {
            try {
                return (Throwable) (trusted ? JdkSerializer.fromBytes(original)
                        : JDK_EXCEPTION_READER.deserialize(java.nio.ByteBuffer.wrap(original)));
            } catch (IOException | ClassNotFoundException | ClassCastException e) {
                // fall through to the stand-in
            }
        }
        try {
            return (Throwable) (trusted ? JdkSerializer.fromBytes(standIn)
                    : STAND_IN_READER.deserialize(java.nio.ByteBuffer.wrap(standIn)));
        } catch (ClassCastException | ClassNotFoundException e) {
            throw new IOException("corrupt exception stand-in", e);
        }
    }

    private static boolean isJdkExceptionPart(String name) {
        if (!name.startsWith("java.")) {
            return false;
        }
        if (name.equals(StackTraceElement.class.getName()) || name.equals("java.lang.Throwable")) {
            return true;
        }
        try {
            return Throwable.class.isAssignableFrom(Class.forName(name, false, null));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static RemoteTaskException standIn(Throwable failure) {
        Throwable cause = failure.getCause();
        RemoteTaskException copy = new RemoteTaskException(failure.getClass().getName(), failure.getMessage(),
                failure.getStackTrace(), cause == null || cause == failure ? null : standIn(cause));
        for (Throwable suppressed : failure.getSuppressed()) {
            copy.addSuppressed(standIn(suppressed));
        }
        return copy;
    }
}
