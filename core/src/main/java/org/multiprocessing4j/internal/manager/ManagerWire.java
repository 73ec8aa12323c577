package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.spi.Serializer;

/**
 * The messages between a manager's clients and its server, all records so that the library's
 * compact serializer carries them without JDK serialization.
 *
 * <pre>
 *   client                                   server
 *   Door(end, connection, pid)  -- door queue -->   a thread starts serving {@code end}
 *   Hello(connection, pid)      -- socket ------>   (the same, over TCP or a Unix socket)
 *   Call(object, method, args)  --------------->    runs the method on the object
 *                               <---------------    the result | Exported(object, type) | Thrown(bytes)
 * </pre>
 *
 * A connection carries one call at a time. A call is interrupted by a second call, on another
 * connection, of {@link ServerRoot#interrupt}.
 */
final class ManagerWire {

    /** The names a filtered reader must accept for the manager to work at all. */
    static final Set<String> CLASSES = Set.of(Call.class.getName(), Thrown.class.getName(),
            Exported.class.getName(), Hello.class.getName(), ProxyHandle.class.getName(),
            ManagerAddress.class.getName(), "org.multiprocessing4j.spi.SharedHandle", "java.lang.reflect.Proxy",
            "java.net.SocketAddress", "java.net.InetSocketAddress", "java.net.InetAddress", "java.net.Inet4Address", "java.net.Inet6Address",
            "java.net.UnixDomainSocketAddress", "java.net.UnixDomainSocketAddress$Ser",
            "java.util.AbstractMap$SimpleImmutableEntry");

    /** Set while a thread writes to a network peer: what only this machine may know stays out. */
    private static final ThreadLocal<Boolean> TO_NETWORK = new ThreadLocal<>();

    private ManagerWire() {
    }

    static boolean writingToNetwork() {
        return TO_NETWORK.get() != null;
    }

    /**
     * Reads a message whole, so that a message that cannot be read leaves the connection in step.
     *
     * @param end where to read
     * @param reader the serializer, with the allow list for a network peer
     * @return the message
     * @throws IOException if the connection has ended
     * @throws InterruptedException if interrupted while waiting
     * @throws Unreadable if the message came whole but cannot be read
     */
    static Object receive(PipeEnd end, Serializer reader) throws IOException, InterruptedException, Unreadable {
        byte[] bytes = end.recvBytes();
        try {
            return reader.deserialize(ByteBuffer.wrap(bytes));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new Unreadable(e);
        }
    }

    /** A message read whole that could not be deserialized: its class refused, missing or broken. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    static void send(PipeEnd end, Object message, boolean network) throws IOException, InterruptedException {
        if (!network) {
            end.send(message);
            return;
        }
        TO_NETWORK.set(Boolean.TRUE);
        try {
            end.send(message);
        } finally {
            TO_NETWORK.remove();
        }
    }

    /**
     * A method called on a served object.
     *
     * @param object the object's number in the server
     * @param method the method's number in its interface's {@link MethodTable}
     * @param args the arguments, an empty list for none
     * @param interrupted whether the caller was interrupted when it called: the server's thread
     *     runs the method interrupted too
     */
    record Call(long object, int method, List<Object> args, boolean interrupted) implements java.io.Serializable {
    }

    /** A failure in the server, in {@link org.multiprocessing4j.internal.serial.ThrowableTransport}'s form. */
    record Thrown(byte[] failure) implements java.io.Serializable {
    }

    /** A result that stays in the server: the caller makes a proxy of {@code type} for it. */
    record Exported(long object, String type) implements java.io.Serializable {
    }

    /** The first message on a socket: who is connecting. */
    record Hello(long connection, long pid) implements java.io.Serializable {
    }

    /** What a client of this machine sends through the door queue: its end of a new pipe. */
    record Door(PipeEnd end, long connection, long pid) implements java.io.Serializable {
    }
}
