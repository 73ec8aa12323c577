package org.multiprocessing4j.python.internal;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.multiprocessing4j.Client;
import org.multiprocessing4j.ManagerUnavailableException;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.python.CPythonException;

/**
 * The client's half of CPython's manager protocol ({@code multiprocessing.managers}), over
 * connections that speak CPython's framing, handshake and pickles.
 *
 * <p>A request is the tuple {@code (ident, method, args, kwds)}; the answer is
 * {@code ('#RETURN', result)}, {@code ('#ERROR', exception)}, or {@code ('#TRACEBACK', text)}.
 * Requests to the server itself ({@code create}, {@code incref}, {@code decref},
 * {@code shutdown}, {@code dummy}) go over a connection of their own, opened and closed around
 * each, as CPython's proxies do. Calls of an object's methods go over the calling thread's own
 * connection, which {@code accept_connection} turned into one the server serves on a thread of its
 * own, so that a call that blocks there (a queue's {@code get}) blocks only its caller.
 *
 * <p>A call waits for its answer however often the caller is interrupted, and the interrupt is
 * kept for after it: the server runs the method to its end anyway, and a result not read (an item
 * a {@code get} took) would be lost.
 */
public final class ManagerClient implements AutoCloseable {

    private final SocketAddress address;
    private final byte[] authKey;
    private final ThreadLocal<SocketConnection> mine = new ThreadLocal<>();
    /** Each thread's served connection, and the thread, whose end lets the connection go. */
    private final Map<SocketConnection, WeakReference<Thread>> open = new ConcurrentHashMap<>();
    /** The objects whose server references the proxies of this client hold. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ManagerClient(SocketAddress address, byte[] authKey) {
        this.address = address;
        this.authKey = authKey.clone();
    }

    /**
     * Connects to the server at {@code address}, which must answer a first request.
     *
     * @param address the server's address
     * @param authKey its key
     * @return the client
     * @throws IOException if nothing serves there or the key is refused
     * @throws InterruptedException if interrupted while connecting
     */
    public static ManagerClient connect(SocketAddress address, byte[] authKey) throws IOException, InterruptedException {
        ManagerClient client = new ManagerClient(address, authKey);
        try (SocketConnection probe = client.newConnection()) {
            dispatch(probe, null, "dummy", List.of());
        }
        return client;
    }

    /** The server's address. */
    public SocketAddress address() {
        return address;
    }

    /**
     * Creates an object of a registered type in the server.
     *
     * @param typeid the type's name, as registered there
     * @param args the arguments of its callable
     * @return the object's identity and the names of the methods it exposes
     */
    public Created create(String typeid, List<Object> args) {
        List<Object> request = new ArrayList<>();
        request.add(typeid);
        request.addAll(args);
        Object[] answer = (Object[]) request("create", request);
        held.add((String) answer[0]);
        List<String> exposed = new ArrayList<>();
        for (Object name : (Object[]) answer[1]) {
            exposed.add((String) name);
        }
        return new Created((String) answer[0], List.copyOf(exposed));
    }

    /**
     * What {@link #create} returns.
     *
     * @param ident the object's identity in the server
     * @param exposed the methods a client may call
     */
    public record Created(String ident, List<String> exposed) {
    }

    /** Gives up this client's reference to object {@code ident}; the server frees it with the last. */
    public void decref(String ident) {
        if (!closed && held.remove(ident)) {
            request("decref", List.of(ident));
        }
    }

    /** Stops the server. */
    public void shutdown() {
        request("shutdown", List.of());
    }

    /**
     * Calls a method of object {@code ident} in the server.
     *
     * @param ident the object
     * @param method the method's name
     * @param args its arguments
     * @return what it returned
     * @throws CPythonException if it raised
     * @throws ManagerUnavailableException if the server cannot be reached
     */
    public Object call(String ident, String method, List<Object> args) {
        SocketConnection connection = mine.get();
        if (connection == null || connection.isClosed()) {
            connection = threadConnection();
        }
        try {
            return dispatch(connection, ident, method, args);
        } catch (IOException e) {
            drop(connection);
            throw unavailable(e);
        }
    }

    private SocketConnection threadConnection() {
        if (closed) {
            throw new ManagerUnavailableException("this client of the CPython manager at " + address + " is closed",
                    null);
        }
        // a thread that has ended will not call again: its connection, and the server's thread, go
        open.entrySet().removeIf(entry -> {
            Thread owner = entry.getValue().get();
            if (owner == null || !owner.isAlive()) {
                entry.getKey().close();
                return true;
            }
            return false;
        });
        try {
            SocketConnection connection = newConnection();
            open.put(connection, new WeakReference<>(Thread.currentThread()));
            dispatch(connection, null, "accept_connection", List.of("Java|" + Thread.currentThread().getName()));
            mine.set(connection);
            return connection;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private Object request(String method, List<Object> args) {
        try (SocketConnection connection = newConnection()) {
            return dispatch(connection, null, method, args);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private SocketConnection newConnection() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return Client.builder(address).authKey(authKey).serializer(PickleWire.REPLIES).connect();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Object dispatch(SocketConnection connection, String ident, String method, List<Object> args)
            throws IOException {
        boolean interrupted = Thread.interrupted();
        Object[] answer;
        try {
            // an interrupted send would close the connection; the flag is kept for later instead
            connection.send(new Object[] {ident, method, args.toArray(), Map.of()});
            answer = (Object[]) receive(connection);
        } catch (InterruptedException e) {
            // interrupted again while sending: the connection closed itself
            interrupted = true;
            throw new IOException("interrupted while sending " + method + "; the connection is closed", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        String kind = (String) answer[0];
        switch (kind) {
            case "#RETURN":
                return answer[1];
            case "#ERROR":
                RaisedInPython raised = (RaisedInPython) answer[1];
                throw new CPythonException(raised.type(), raised.args(), raised.name() + ": " + raised.message()
                        + " (raised by " + method + " in the CPython manager's server)");
            case "#TRACEBACK":
            case "#UNSERIALIZABLE":
                throw new CPythonException("multiprocessing.managers.RemoteError", List.of(answer[1]),
                        "the CPython manager's server failed to run " + method + ":\n" + answer[1]);
            default:
                throw new CPythonException("multiprocessing.managers.RemoteError", List.of(kind),
                        method + " was answered with " + kind + ", which this client does not follow");
        }
    }

    /** The next message, waiting through interrupts (a receive interrupted leaves the stream as it was). */
    private static Object receive(SocketConnection connection) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return connection.recv();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.io.InvalidObjectException e) {
                    // a frame read whole whose value is not plain data: the connection is in step
                    throw new CPythonException("multiprocessing.managers.RemoteError", List.of(e.getMessage()),
                            "the CPython manager's server answered with what this client does not read: "
                                    + e.getMessage());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drop(SocketConnection connection) {
        open.remove(connection);
        connection.close();
        if (mine.get() == connection) {
            mine.remove();
        }
    }

    private ManagerUnavailableException unavailable(IOException e) {
        return new ManagerUnavailableException("cannot reach the CPython manager at " + address + ": " + e.getMessage(),
                e);
    }

    /**
     * Gives up the references this client's proxies still hold, so that the server frees what no
     * other client holds, and closes this process's connections; the server stays.
     */
    @Override
    public void close() {
        for (String ident : List.copyOf(held)) {
            try {
                decref(ident);
            } catch (RuntimeException e) {
                // the server is gone: so are its objects
                break;
            }
        }
        closed = true;
        open.keySet().forEach(SocketConnection::close);
        open.clear();
    }
}
