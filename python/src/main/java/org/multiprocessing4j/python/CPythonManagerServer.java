package org.multiprocessing4j.python;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.Listener;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Namespace;
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
 * that knows the key still cannot run code here. Python's tuples and bytes are read as
 * {@code Object[]} and {@code byte[]}, which Java compares by identity: as a dictionary key, in a
 * set, or as the value a list's {@code index}, {@code count} or {@code remove} looks for, a tuple or
 * bytes never matches an equal one a client sent before. Use strings and numbers there.
 *
 * <p>The server listens until closed; a client's connection is served on a thread of its own, as
 * CPython's server does. It counts each object's references as CPython's server does, and drops
 * an object a client made from its table with the last one, which the manager keeps (the manager
 * frees nothing before it shuts down); a shared object stays. A peer that connects and stalls in
 * the handshake holds up other clients' connections for at most 10 seconds.
 */
public final class CPythonManagerServer implements AutoCloseable {

    private static final Duration HANDSHAKE = Duration.ofSeconds(10);
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final Set<String> FACTORY_TYPEIDS = Set.of("dict", "list", "Namespace", "Queue", "Lock", "Event");

    private final Manager manager;
    private final Listener listener;
    private final Map<String, BridgedObject> shared = new ConcurrentHashMap<>();
    private final Map<String, BridgedObject> objects = new ConcurrentHashMap<>();
    private final Map<String, Long> references = new HashMap<>();
    private final Set<SocketConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
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

    /**
     * Stops listening and ends every client's connection, interrupting the calls that wait and
     * waiting for them to end (up to {@value #CLOSE_WAIT_SECONDS} s): a {@code get} left waiting
     * would take the next item for a client that is gone. The manager and its objects stay.
     */
    @Override
    public void close() {
        listener.close();
        connections.forEach(SocketConnection::close);
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new object of the manager, filled as CPython's callable would fill it from the client's arguments. */
    @SuppressWarnings("unchecked")
    private Object make(String typeid, List<Object> args, Map<?, ?> kwds) {
        switch (typeid) {
            case "dict":
                Map<Object, Object> map = manager.map();
                if (!args.isEmpty()) {
                    map.putAll((Map<Object, Object>) args.get(0));
                }
                map.putAll((Map<Object, Object>) kwds);
                return map;
            case "list":
                List<Object> list = manager.list();
                if (!args.isEmpty()) {
                    list.addAll((List<Object>) args.get(0));
                }
                return list;
            case "Namespace":
                Namespace namespace = manager.namespace();
                kwds.forEach((name, value) -> namespace.set((String) name, value));
                return namespace;
            case "Queue":
                Object bound = args.isEmpty() ? kwds.get("maxsize") : args.get(0);
                int maxsize = bound == null ? 0 : ((Number) bound).intValue();
                return maxsize > 0 ? manager.queue(maxsize) : manager.queue();
            case "Lock":
                return manager.lock();
            case "Event":
                return manager.event();
            default:
                return null;
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            SocketConnection connection;
            try {
                // a peer that connects and stalls in the handshake holds up the others this long
                connection = listener.accept(HANDSHAKE);
            } catch (IOException e) {
                // a refused key, a peer gone mid-handshake, no one within the time: the next one
                continue;
            } catch (InterruptedException e) {
                return;
            }
            connections.add(connection);
            Thread serving = new Thread(() -> handle(connection), "CPython manager client " + connection.remoteAddress());
            serving.setDaemon(true);
            threads.add(serving);
            serving.start();
        }
    }

    /** A connection's first request: one of the server's own, or {@code accept_connection}, after which it is served. */
    private void handle(SocketConnection connection) {
        try (connection) {
            Object[] request;
            try {
                request = (Object[]) connection.recv();
            } catch (InvalidObjectException e) {
                connection.send(new Object[] {"#TRACEBACK", "the server reads plain values only: " + e.getMessage()});
                return;
            }
            String function = (String) request[1];
            Object[] reply;
            try {
                reply = new Object[] {"#RETURN", serverCall(function, Arrays.asList((Object[]) request[2]),
                        (Map<?, ?>) request[3])};
            } catch (RuntimeException e) {
                reply = new Object[] {"#TRACEBACK", e.getClass().getSimpleName() + ": " + e.getMessage()};
            }
            connection.send(reply);
            if (function.equals("accept_connection")) {
                serve(connection);
            }
        } catch (IOException | InterruptedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            // the client went away, the server closed, or the client sent what no CPython client sends
        } finally {
            connections.remove(connection);
            threads.remove(Thread.currentThread());
        }
    }

    private Object serverCall(String function, List<Object> args, Map<?, ?> kwds) {
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
                    Object made = make(typeid, args.subList(1, args.size()), kwds);
                    if (made == null) {
                        throw new IllegalArgumentException("no type " + typeid + " is served here; the server makes "
                                + FACTORY_TYPEIDS + " and shares " + shared.keySet());
                    }
                    object = new BridgedObject(made);
                    ident = Long.toHexString(idents.incrementAndGet());
                }
                synchronized (references) {
                    objects.putIfAbsent(ident, object);
                    references.merge(ident, 1L, Long::sum);
                }
                return new Object[] {ident, object.kind().exposed().toArray()};
            case "incref":
                synchronized (references) {
                    if (references.computeIfPresent((String) args.get(0), (i, count) -> count + 1) == null) {
                        throw new IllegalArgumentException("KeyError: no object " + args.get(0));
                    }
                }
                return null;
            case "decref":
                String released = (String) args.get(0);
                synchronized (references) {
                    Long left = references.computeIfPresent(released, (i, count) -> count - 1);
                    if (left != null && left <= 0) {
                        references.remove(released);
                        if (!released.startsWith("shared-")) {
                            objects.remove(released);
                        }
                    }
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
