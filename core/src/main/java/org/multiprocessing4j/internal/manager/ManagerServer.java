package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.io.Serializable;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.multiprocessing4j.Listener;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.internal.log.LibraryLog;
import org.multiprocessing4j.internal.platform.Platform;
import org.multiprocessing4j.spi.Serializer;

/**
 * The manager's server, in a child process of its own: it takes connections from the door queue
 * (processes of this machine) and from its socket, if it listens, and serves each on a thread.
 *
 * <p>A watchdog looks every {@value #WATCH_MILLIS} ms at the processes behind this machine's
 * connections: one that has died, even by {@code SIGKILL}, has its calls interrupted and its
 * connections ended, so that a call it left waiting (a {@code take()}, a {@code lock()}) takes
 * nothing it cannot deliver and its locks are released. Every thread here is a daemon: the process
 * ends when {@link #run} returns.
 */
final class ManagerServer {

    private static final long WATCH_MILLIS = 500;
    private static volatile ManagerServer current;

    private final String id;
    private final ManagerSettings settings;
    private final ProcessQueue<Object> door;
    private final ProcessContext context;
    private final ServedObjects objects;
    private final Map<Long, ServedConnection> connections = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile ManagerAddress address;
    private final Serializer networkReader;
    private Listener listener;

    private ManagerServer(String id, ManagerSettings settings, ProcessQueue<Object> door, ProcessContext context) {
        this.id = id;
        this.settings = settings;
        this.door = door;
        this.context = context;
        this.objects = new ServedObjects(settings.factories().keySet());
        this.networkReader = Serializer.standard().withClassFilter(settings.allowList());
    }

    /**
     * What the server's process is given: one object, so that its target captures a single
     * serialized value and is read as a reflective call rather than a deserialized lambda; a
     * class, not a record, as {@link ManagerSettings} is.
     */
    static final class Launch implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String id;
        private final ManagerSettings settings;
        private final ProcessQueue<Object> door;
        private final ProcessContext context;
        private final PipeEnd ready;

        /**
         * @param id the manager's identity
         * @param settings its settings
         * @param door the queue of this machine's new connections
         * @param context the context that started it
         * @param ready where to send the server's address once it serves
         */
        Launch(String id, ManagerSettings settings, ProcessQueue<Object> door, ProcessContext context, PipeEnd ready) {
            this.id = id;
            this.settings = settings;
            this.door = door;
            this.context = context;
            this.ready = ready;
        }
    }

    /**
     * The server's target: serves until shut down.
     *
     * @param launch what it serves and where
     * @throws Exception if it cannot listen where asked
     */
    static void run(Launch launch) throws Exception {
        ManagerServer server = new ManagerServer(launch.id, launch.settings, launch.door, launch.context);
        current = server;
        server.serve(launch.ready);
    }

    /**
     * The served objects, if this process is the server of manager {@code id}.
     *
     * @param id a manager's identity
     * @return its objects, or {@code null} if this process is not its server
     */
    static CallTarget targetFor(String id) {
        ManagerServer server = current;
        return server != null && server.id.equals(id) ? server.objects : null;
    }

    private void serve(PipeEnd ready) throws Exception {
        objects.export(new ServedRoot(this, objects, settings.factories()), ServerRoot.class);
        SocketAddress bound = null;
        if (settings.address() != null) {
            listener = Listener.builder(settings.address()).authKey(settings.authKey())
                    .allowClasses(settings.allowList()).bind();
            bound = listener.address();
            daemon("manager listener", this::listen);
        }
        long pid = ProcessHandle.current().pid();
        address = new ManagerAddress(id, pid, Platform.processStamp(pid).orElse(0), door, context, bound, null);
        objects.address(address);
        daemon("manager door", this::admit);
        daemon("manager watchdog", this::watch);
        ready.send(address);
        ready.close();
        stopped.await();
        if (listener != null) {
            listener.close();
        }
        connections.values().forEach(ServedConnection::abort);
    }

    ManagerAddress address() {
        return address;
    }

    private void admit() {
        while (true) {
            ManagerWire.Door entry;
            try {
                entry = (ManagerWire.Door) door.take();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // one client's entry that cannot be read (its pipe gone, say): the others still come
                LibraryLog.MANAGERS.debug(e, "a connection through the door failed");
                continue;
            }
            start(new ServedConnection(this, objects, entry.connection(), entry.end(), false, Serializer.standard(),
                    entry.pid()));
        }
    }

    private void listen() {
        while (!listener.isClosed()) {
            SocketConnection socket;
            try {
                socket = listener.accept();
            } catch (org.multiprocessing4j.AuthenticationException e) {
                LibraryLog.MANAGERS.debug("refused a connection: {}", e.getMessage());
                continue;
            } catch (IOException | InterruptedException e) {
                return;
            }
            daemon("manager greeting", () -> greet(socket));
        }
    }

    private void greet(SocketConnection socket) {
        try {
            if (!socket.poll(Duration.ofSeconds(30))) {
                socket.close();
                return;
            }
            ManagerWire.Hello hello = (ManagerWire.Hello) socket.recv();
            start(new ServedConnection(this, objects, hello.connection(), socket, true, networkReader, hello.pid()));
        } catch (IOException | InterruptedException | ClassCastException e) {
            socket.close();
        }
    }

    private void start(ServedConnection connection) {
        connections.put(connection.number(), connection);
        daemon("manager connection", connection);
    }

    private void watch() {
        while (stopped.getCount() > 0) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            for (ServedConnection connection : connections.values()) {
                if (!connection.isNetwork() && Platform.processStamp(connection.clientPid()).isEmpty()) {
                    connection.abort();
                }
            }
        }
    }

    void ended(ServedConnection connection) {
        connections.remove(connection.number(), connection);
    }

    void interrupt(long connection, long call) {
        ServedConnection served = connections.get(connection);
        if (served != null) {
            served.interrupt(call);
        }
    }

    void shutdownAfterReply() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    void stop() {
        stopped.countDown();
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
