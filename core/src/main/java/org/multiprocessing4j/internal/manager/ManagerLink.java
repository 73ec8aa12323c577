package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.lang.reflect.Method;
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
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.internal.platform.Platform;
import org.multiprocessing4j.spi.Serializer;

/**
 * This process's way to one manager: the connections of its threads, the server's liveness, and
 * the proxies of the objects it serves. There is one link per manager and process, found by the
 * manager's identity, so that every proxy of a manager in a process shares it; the {@link Manager}s
 * of a process that connected to it more than once share it too, and it closes with the last.
 *
 * <p>Each thread gets a connection of its own the first time it calls, as in Python, so that a
 * blocking call holds up no other thread; the connection of a thread that has ended is closed when
 * another is opened, and its server thread ends (releasing any lock that thread held).
 */
public final class ManagerLink implements CallTarget {

    private static final Map<String, ManagerLink> LINKS = new ConcurrentHashMap<>();
    private static final int INTERRUPT = rootMethod("interrupt", long.class, long.class);
    private static final int ADDRESS = rootMethod("address");

    private final ManagerAddress address;
    private final byte[] authKey;
    private final Predicate<String> allowed;
    private final Serializer reader;
    private final ChildProcess server;
    private final ThreadLocal<ClientConnection> mine = new ThreadLocal<>();
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private ClientConnection control;
    private int managers;
    private volatile String gone;

    private ManagerLink(ManagerAddress address, ManagerSettings settings, ChildProcess server) {
        this.address = address;
        this.authKey = settings == null ? null : settings.authKey();
        this.allowed = settings == null ? null : settings.allowList();
        this.reader = address.door != null ? Serializer.standard() : Serializer.standard().withClassFilter(allowed);
        this.server = server;
    }

    /**
     * Starts a manager's server in a child of {@code context}.
     *
     * @param context the context whose process runs the server
     * @param settings the manager's settings
     * @return the manager, owned by this process
     */
    public static Manager start(ProcessContext context, ManagerSettings settings) {
        ManagerStart start = new ManagerStart(context, settings);
        ManagerAddress address = start.awaitAddress();
        ManagerLink link = new ManagerLink(address, settings, start.child());
        LINKS.put(address.id, link);
        return link.newManager(true);
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
        ManagerLink probe = new ManagerLink(new ManagerAddress("?", 0, 0, null, null, socket, null), settings, null);
        ClientConnection connection = probe.openSocket(null);
        ManagerAddress address;
        try {
            address = (ManagerAddress) connection.call(ServerRoot.OBJECT, ADDRESS, new Object[0], true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("the manager at " + socket + " did not answer", e);
        } finally {
            connection.close();
        }
        ManagerLink link = LINKS.computeIfAbsent(address.id,
                id -> new ManagerLink(address.connected(settings.authKey()), settings, null));
        return link.newManager(false);
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
        if (address.door == null && address.key == null) {
            throw new InvalidObjectException("a proxy of the " + address + ", which this process has not"
                    + " connected to: call Manager.connect first");
        }
        ManagerSettings settings = address.key == null ? null : ManagerSettings.connecting(address.key);
        return LINKS.computeIfAbsent(address.id, id -> new ManagerLink(address, settings, null));
    }

    private synchronized Manager newManager(boolean owner) {
        managers++;
        return new LinkedManager(this, owner);
    }

    /**
     * Closes one manager of this link: the owner's shuts the link, the last connected one too.
     *
     * @param owner whether it is the manager that started the server
     * @param reason why calls fail from now on
     */
    void release(boolean owner, String reason) {
        synchronized (this) {
            if (--managers > 0 && !owner) {
                return;
            }
        }
        close(reason);
    }

    ManagerAddress address() {
        return address;
    }

    /** The server, if this process started it. */
    ChildProcess server() {
        return server;
    }

    @Override
    public Object call(long object, int method, Object[] args) throws Throwable {
        Object result = connection().call(object, method, args, true);
        if (result instanceof ManagerWire.Exported exported) {
            try {
                return ProxyCall.proxy(this, new ProxyHandle(address, exported.object(), exported.type()),
                        ServedObjects.load(exported.type()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the manager answered with a proxy of " + exported.type()
                        + ", which this process cannot load", e);
            }
        }
        return result;
    }

    /** Asks the server, on the link's own connection, to interrupt a call of another. */
    synchronized void interrupt(long connection, long call) throws Throwable {
        try {
            if (control == null) {
                control = open(null);
            }
            control.call(ServerRoot.OBJECT, INTERRUPT, new Object[] {connection, call}, false);
        } catch (Throwable e) {
            if (control != null) {
                control.close();
                control = null;
            }
            throw e;
        }
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

    private void drop(ClientConnection connection) {
        if (mine.get() == connection) {
            mine.remove();
        }
        open.remove(connection);
        connection.close();
    }

    /** Marks the manager gone, so that calls fail at once, and closes this process's connections. */
    private void close(String reason) {
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

    /** The calling thread's connection, opened on its first call with its interrupt status kept. */
    private ClientConnection connection() {
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
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    connection = open(Thread.currentThread());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (IOException e) {
                    throw new ManagerUnavailableException("cannot reach the " + address, e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
        try {
            address.door.put(new ManagerWire.Door(theirs, number, ProcessHandle.current().pid()));
        } catch (InterruptedException | RuntimeException e) {
            pipe.left().close();
            throw e;
        } finally {
            theirs.close();
        }
        return new ClientConnection(this, number, pipe.left(), false, reader, owner);
    }

    private ClientConnection openSocket(Thread owner) throws IOException, InterruptedException {
        SocketConnection socket = Client.builder(address.socket).authKey(authKey).allowClasses(allowed).connect();
        long number = ThreadLocalRandom.current().nextLong();
        ManagerWire.send(socket, new ManagerWire.Hello(number, ProcessHandle.current().pid()), true);
        return new ClientConnection(this, number, socket, true, reader, owner);
    }

    private static int rootMethod(String name, Class<?>... parameters) {
        try {
            Method method = ServerRoot.class.getMethod(name, parameters);
            return MethodTable.of(ServerRoot.class).idOf(method);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
