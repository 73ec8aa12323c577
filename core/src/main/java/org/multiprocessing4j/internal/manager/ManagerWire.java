package org.multiprocessing4j.internal.manager;

import java.util.List;
import java.util.Set;
import org.multiprocessing4j.PipeEnd;

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
            ProxyCall.class.getName(), ManagerAddress.class.getName(), "java.lang.reflect.Proxy",
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

    static void send(PipeEnd end, Object message, boolean network) throws java.io.IOException, InterruptedException {
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
     * @param method the method's index in its interface's {@link MethodTable}
     * @param args the arguments, an empty list for none
     */
    record Call(long object, int method, List<Object> args) implements java.io.Serializable {
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
