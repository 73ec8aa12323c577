package org.multiprocessing4j.python;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.AuthenticationException;
import org.multiprocessing4j.Listener;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.python.internal.BridgedObject;
import org.multiprocessing4j.python.internal.PickleWire;
import org.multiprocessing4j.python.internal.PythonRaise;

/**
 * Serves a {@link Manager}'s objects to CPython clients in CPython's manager protocol: a CPython
 * program's {@code BaseManager(address, authkey).connect()} reaches them, and its proxies call
 * them as they would call a CPython manager's.
 *
 * <pre>{@code
 * try (Manager manager = Multiprocessing.manager();
 *         CPythonManagerServer server = CPythonManagerServer.start(manager, address, key)) {
 *     ManagedMap<Object, Object> results = manager.map();
 *     server.share("results", results);       // CPython: register("results", proxytype=DictProxy)
 *     ...                                       // Java children and CPython clients share it
 * }
 * }</pre>
 *
 * <h2>Types a CPython client may ask for</h2>
 * <ul>
 *   <li>{@code dict}, {@code list}, {@code Namespace}, {@code Queue}, {@code Lock} and
 *       {@code Event}, as {@code SyncManager} registers them: each call of the client's
 *       {@code m.dict()}... makes a new object in the Java manager.</li>
 *   <li>The typeids {@link #share} names, each one object the Java side also holds: any
 *       {@code Map}, {@code List}, {@code Namespace}, {@code BlockingQueue}, {@code Lock} or
 *       {@code ProcessEvent}, usually a manager's, which Java processes share too.</li>
 * </ul>
 * An object answers the methods of CPython's proxy of its kind ({@code DictProxy},
 * {@code ListProxy}, {@code NamespaceProxy}, a queue's {@code AutoProxy}, {@code AcquirerProxy},
 * {@code EventProxy}), and raises what CPython would ({@code KeyError}, {@code IndexError},
 * {@code AttributeError}, {@code queue.Empty}, {@code queue.Full}). Not served: a {@code dict}'s
 * iteration through a proxy of its iterator ({@code for k in d} on a {@code DictProxy}; iterate
 * {@code d.keys()}, which is a list here), a list's {@code sort} and slices, and
 * {@code shutdown}, which is the Java owner's.
 *
 * <p>Values cross as pickles read as data only, as {@link PickleSerializer} reads them, so a client
 * that knows the key still cannot run code here. The server listens until closed; a client's
 * connection is served on a thread of its own, as CPython's server does, and counts its
 * references: an object a client made goes when its last proxy does; a shared one stays.
 */
public final class CPythonManagerServer implements AutoCloseable {

    private static final Set<String> FACTORY_TYPEIDS = Set.of("dict", "list", "Namespace", "Queue", "Lock", "Event");

    private final Manager manager;
    private final Listener listener;
    private final Map<String, BridgedObject> shared = new ConcurrentHashMap<>();
    private final Map<String, BridgedObject> objects = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> references = new ConcurrentHashMap<>();
    private final Set<SocketConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong idents = new AtomicLong();

    private CPythonManagerServer(Manager manager, Listener listener) {
        this.manager = manager;
        this.listener = listener;
    }

    /**
     * Starts serving {@code manager}'s objects at {@code address}.
     *
     * @param manager the manager whose objects the clients create
     * @param address where to listen, a TCP address (port 0 for any free one) or a Unix-domain socket
     * @param authKey the key clients must prove, as CPython's {@code authkey}
     * @return the server, listening
     * @throws IOException if it cannot listen there
     */
    public static CPythonManagerServer start(Manager manager, SocketAddress address, byte[] authKey) throws IOException {
        Listener listener = Listener.builder(address).authKey(authKey).serializer(PickleWire.PLAIN).bind();
        CPythonManagerServer server = new CPythonManagerServer(manager, listener);
        Thread accepter = new Thread(server::accept, "CPython manager server " + listener.address());
        accepter.setDaemon(true);
        accepter.start();
        return server;
    }

    /**
     * Serves {@code object} under {@code typeid}: a CPython client that registers the typeid gets a
     * proxy of this very object from {@code m.<typeid>()}.
     *
     * @param typeid the name, which may not be one of {@code SyncManager}'s the server makes
     * @param object a {@code Map}, {@code List}, {@code Namespace}, {@code BlockingQueue},
     *     {@code Lock} or {@code ProcessEvent}
     * @return this server
     * @throws IllegalArgumentException if the object is of another kind, or the typeid is taken
     */
    public CPythonManagerServer share(String typeid, Object object) {
        if (FACTORY_TYPEIDS.contains(typeid)) {
            throw new IllegalArgumentException(typeid + " is a type the server makes objects of");
        }
        if (shared.putIfAbsent(typeid, new BridgedObject(object)) != null) {
            throw new IllegalArgumentException(typeid + " is shared already");
        }
        return this;
    }

    /**
     * Where the server listens.
     *
     * @return its address
     */
    public SocketAddress address() {
        return listener.address();
    }

    /** Stops listening and ends every client's connection; the manager and its objects stay. */
    @Override
    public void close() {
        listener.close();
        connections.forEach(SocketConnection::close);
    }

    private Object make(String typeid) {
        return switch (typeid) {
            case "dict" -> manager.map();
            case "list" -> manager.list();
            case "Namespace" -> manager.namespace();
            case "Queue" -> manager.queue();
            case "Lock" -> manager.lock();
            case "Event" -> manager.event();
            default -> null;
        };
    }

    private void accept() {
        while (!listener.isClosed()) {
            SocketConnection connection;
            try {
                connection = listener.accept();
            } catch (AuthenticationException e) {
                continue;
            } catch (IOException | InterruptedException e) {
                return;
            }
            connections.add(connection);
            Thread serving = new Thread(() -> handle(connection), "CPython manager client " + connection.remoteAddress());
            serving.setDaemon(true);
            serving.start();
        }
    }

    /** A connection's first request: one of the server's own, or {@code accept_connection}, after which it is served. */
    private void handle(SocketConnection connection) {
        try (connection) {
            Object[] request = (Object[]) connection.recv();
            String function = (String) request[1];
            List<Object> args = Arrays.asList((Object[]) request[2]);
            Object[] reply;
            try {
                reply = new Object[] {"#RETURN", serverCall(function, args)};
            } catch (RuntimeException e) {
                reply = new Object[] {"#TRACEBACK", e.getClass().getSimpleName() + ": " + e.getMessage()};
            }
            connection.send(reply);
            if (function.equals("accept_connection")) {
                serve(connection);
            }
        } catch (IOException | InterruptedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            // the client went away, or sent what no CPython client sends
        } finally {
            connections.remove(connection);
        }
    }

    private Object serverCall(String function, List<Object> args) {
        switch (function) {
            case "dummy":
            case "accept_connection":
                return null;
            case "create":
                String typeid = (String) args.get(0);
                BridgedObject object = shared.get(typeid);
                String ident;
                if (object != null) {
                    ident = "shared-" + typeid;
                } else {
                    Object made = make(typeid);
                    if (made == null) {
                        throw new IllegalArgumentException("no type " + typeid + " is served here; the server makes "
                                + FACTORY_TYPEIDS + " and shares " + shared.keySet());
                    }
                    object = new BridgedObject(made);
                    ident = Long.toHexString(idents.incrementAndGet());
                }
                objects.putIfAbsent(ident, object);
                references.computeIfAbsent(ident, i -> new AtomicLong()).incrementAndGet();
                return new Object[] {ident, object.kind().exposed().toArray()};
            case "incref":
                references.computeIfAbsent((String) args.get(0), i -> new AtomicLong()).incrementAndGet();
                return null;
            case "decref":
                String released = (String) args.get(0);
                AtomicLong count = references.get(released);
                if (count != null && count.decrementAndGet() <= 0 && !released.startsWith("shared-")) {
                    references.remove(released);
                    objects.remove(released);
                }
                return null;
            case "shutdown":
                throw new UnsupportedOperationException("this server is a Java manager's, shut down by its owner");
            default:
                throw new UnsupportedOperationException("the server does not serve " + function);
        }
    }

    /** Calls of one client thread, until it closes the connection. */
    private void serve(SocketConnection connection) throws IOException, InterruptedException {
        while (true) {
            Object message;
            try {
                message = connection.recv();
            } catch (EOFException e) {
                return;
            } catch (InvalidObjectException e) {
                connection.send(new Object[] {"#TRACEBACK", "the server reads plain values only: " + e.getMessage()});
                continue;
            }
            Object[] request = (Object[]) message;
            BridgedObject object = objects.get((String) request[0]);
            Object[] reply;
            if (object == null) {
                reply = new Object[] {"#ERROR", raised("KeyError", request[0])};
            } else {
                try {
                    reply = new Object[] {"#RETURN", object.call((String) request[1],
                            Arrays.asList((Object[]) request[2]), (Map<?, ?>) request[3])};
                } catch (BridgedObject.Raised e) {
                    reply = new Object[] {"#ERROR", e.raise()};
                } catch (RuntimeException e) {
                    reply = new Object[] {"#TRACEBACK", e.getClass().getName() + ": " + e.getMessage()};
                }
            }
            try {
                connection.send(reply);
            } catch (RuntimeException e) {
                // a result without a Python counterpart: nothing of it was written
                connection.send(new Object[] {"#UNSERIALIZABLE", e.getMessage()});
            }
        }
    }

    private static Object raised(String name, Object message) {
        return new PythonRaise("builtins", name, message);
    }
}
