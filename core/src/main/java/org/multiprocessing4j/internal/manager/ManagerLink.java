package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Client;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.ManagerUnavailableException;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.internal.platform.Platform;

/**
 * This process's way to one manager: the connections of its threads, the server's liveness, and
 * the proxies of the objects it serves. There is one link per manager and process, found by the
 * manager's identity, so that every proxy of a manager in a process shares it.
 *
 * <p>Each thread gets a connection of its own the first time it calls, as in Python, so that a
 * blocking call holds up no other thread; the connection of a thread that has ended is closed when
 * another is opened, and its server thread ends (releasing any lock that thread held).
 */
public final class ManagerLink implements CallTarget {

    private static final Map<String, ManagerLink> LINKS = new ConcurrentHashMap<>();
    private static final int INTERRUPT = MethodTable.of(ServerRoot.class).indexOf(method("interrupt", long.class, long.class));

    private final ManagerAddress address;
    private final byte[] authKey;
    private final Predicate<String> allowed;
    private final ChildProcess server;
    private final ThreadLocal<ClientConnection> mine = new ThreadLocal<>();
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private ClientConnection control;
    private volatile String gone;

    private ManagerLink(ManagerAddress address, byte[] authKey, Predicate<String> allowed, ChildProcess server) {
        this.address = address;
        this.authKey = authKey;
        this.allowed = allowed;
        this.server = server;
    }

    /**
     * Starts a manager's server in a child of {@code context}.
     *
     * @param context the context whose process runs the server
     * @param settings the manager's settings
     * @return the manager, owned by this process
     */
    public static Manager start(org.multiprocessing4j.ProcessContext context, ManagerSettings settings) {
        ManagerStart start = new ManagerStart(context, settings);
        ManagerAddress address = start.awaitAddress();
        ManagerLink link = new ManagerLink(address, settings.authKey(), settings.allowList(), start.child());
        LINKS.put(address.id, link);
        return new LinkedManager(link, start.child());
    }

    /**
     * Connects to a manager over a socket.
     *
     * @param socket the manager's address
     * @param settings the key and allow list
     * @return the manager
     * @throws IOException if nothing serves there, or it refuses the key
     * @throws InterruptedException if interrupted while connecting
     */
    public static Manager connect(SocketAddress socket, ManagerSettings settings) throws IOException, InterruptedException {
        ManagerAddress first = new ManagerAddress("?", 0, 0, null, null, socket);
        ManagerLink probe = new ManagerLink(first, settings.authKey(), settings.allowList(), null);
        ClientConnection connection = probe.openSocket(null);
        ManagerAddress address;
        try {
            address = (ManagerAddress) connection.call(ServerRoot.OBJECT,
                    MethodTable.of(ServerRoot.class).indexOf(method("address")), new Object[0], true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("the manager at " + socket + " did not answer", e);
        } finally {
            connection.close();
        }
        ManagerLink link = new ManagerLink(address.remote(), settings.authKey(), settings.allowList(), null);
        ManagerLink known = LINKS.putIfAbsent(address.id, link);
        return new LinkedManager(known != null ? known : link, null);
    }

    /**
     * The link to the manager at {@code address}, made the first time a proxy of it arrives here.
     *
     * @param address the manager's address
     * @return the link
     * @throws InvalidObjectException if the manager is reached over the network and this process
     *     has not connected to it
     */
    static ManagerLink of(ManagerAddress address) throws InvalidObjectException {
        ManagerLink link = LINKS.get(address.id);
        if (link != null) {
            return link;
        }
        if (address.door == null) {
            throw new InvalidObjectException("a proxy of the " + address + ", which this process has not"
                    + " connected to: call Manager.connect first");
        }
        return LINKS.computeIfAbsent(address.id, id -> new ManagerLink(address, null, null, null));
    }

    ManagerAddress address() {
        return address;
    }

    @Override
    public Object call(long object, int method, Object[] args) throws Throwable {
        Object result = connection().call(object, method, args, true);
        if (result instanceof ManagerWire.Exported exported) {
            return ProxyCall.proxy(this, new ProxyHandle(address, exported.object(), exported.type()),
                    ServedObjects.load(exported.type()));
        }
        return result;
    }

    /** Asks the server, on the link's own connection, to interrupt a call of another. */
    synchronized void interrupt(long connection, long call) throws Throwable {
        if (control == null) {
            control = open(null);
        }
        control.call(ServerRoot.OBJECT, INTERRUPT, new Object[] {connection, call}, false);
    }

    /** Throws if the server is known to be gone, or is found dead now. */
    void checkAlive(ClientConnection connection) {
        if (gone == null && !serverRuns()) {
            gone = "the manager's server process has died";
        }
        if (gone != null) {
            throw lost(connection, null);
        }
    }

    boolean isAlive() {
        return gone == null && serverRuns();
    }

    private boolean serverRuns() {
        if (server != null) {
            return server.isAlive();
        }
        if (address.door == null) {
            return true; // a socket tells when its peer goes
        }
        return Platform.processStamp(address.pid).orElse(-1) == address.stamp;
    }

    /** Drops a connection whose server end is gone, and says why. */
    ManagerUnavailableException lost(ClientConnection connection, Exception cause) {
        drop(connection);
        String reason = gone;
        if (reason == null && !serverRuns()) {
            reason = gone = "the manager's server process has died";
        }
        return new ManagerUnavailableException((reason != null ? reason : "the connection to the manager was lost")
                + " (" + address + ")", cause);
    }

    void drop(ClientConnection connection) {
        if (mine.get() == connection) {
            mine.remove();
        }
        open.remove(connection);
        connection.close();
    }

    /** Marks the manager gone, so that calls fail at once, and closes this process's connections. */
    void close(String reason) {
        gone = reason;
        LINKS.remove(address.id, this);
        for (ClientConnection connection : open) {
            drop(connection);
        }
        synchronized (this) {
            if (control != null) {
                control.close();
            }
        }
    }

    private ClientConnection connection() throws InterruptedException {
        ClientConnection connection = mine.get();
        if (connection != null) {
            return connection;
        }
        if (gone != null) {
            throw new ManagerUnavailableException(gone + " (" + address + ")", null);
        }
        open.removeIf(orphan -> {
            if (orphan.isOrphaned()) {
                orphan.close();
                return true;
            }
            return false;
        });
        try {
            connection = open(Thread.currentThread());
        } catch (IOException e) {
            throw new ManagerUnavailableException("cannot reach the " + address, e);
        }
        mine.set(connection);
        open.add(connection);
        return connection;
    }

    private ClientConnection open(Thread owner) throws IOException, InterruptedException {
        return address.door != null ? openPipe(owner) : openSocket(owner);
    }

    private ClientConnection openPipe(Thread owner) throws InterruptedException {
        Pipe pipe = address.context.pipe(true);
        long number = ThreadLocalRandom.current().nextLong();
        PipeEnd theirs = pipe.right();
        address.door.put(new ManagerWire.Door(theirs, number, ProcessHandle.current().pid()));
        theirs.close();
        return new ClientConnection(this, number, pipe.left(), false, owner);
    }

    private ClientConnection openSocket(Thread owner) throws IOException, InterruptedException {
        SocketConnection socket = Client.builder(address.socket).authKey(authKey).allowClasses(allowed).connect();
        long number = ThreadLocalRandom.current().nextLong();
        ManagerWire.send(socket, new ManagerWire.Hello(number, ProcessHandle.current().pid()), true);
        return new ClientConnection(this, number, socket, true, owner);
    }

    private static java.lang.reflect.Method method(String name, Class<?>... parameters) {
        try {
            return ServerRoot.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
