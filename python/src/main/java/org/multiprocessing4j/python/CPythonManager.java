package org.multiprocessing4j.python;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.Lock;
import org.multiprocessing4j.Namespace;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.python.internal.ManagerClient;
import org.multiprocessing4j.python.internal.PythonDict;
import org.multiprocessing4j.python.internal.PythonEvent;
import org.multiprocessing4j.python.internal.PythonList;
import org.multiprocessing4j.python.internal.PythonLock;
import org.multiprocessing4j.python.internal.PythonNamespace;
import org.multiprocessing4j.python.internal.PythonQueue;

/**
 * A client of a CPython manager's server ({@code multiprocessing.managers.BaseManager} or
 * {@code SyncManager}), reached by address and key, whose objects are used through Java's
 * interfaces: what Python's {@code BaseManager(address, authkey).connect()} gives a Python
 * program.
 *
 * <pre>{@code
 * # Python: a server with a shared dictionary
 * results = {}
 * class Workers(SyncManager): pass
 * Workers.register("results", callable=lambda: results, proxytype=DictProxy)
 * Workers(("127.0.0.1", 50000), authkey=b"secret").get_server().serve_forever()
 * }</pre>
 * <pre>{@code
 * // Java
 * try (CPythonManager manager = CPythonManager.connect(new InetSocketAddress("127.0.0.1", 50000), key)) {
 *     Map<Object, Object> results = manager.map(manager.create("results"));
 *     results.put("java", 1);
 * }
 * }</pre>
 *
 * <p>{@link #dict()}, {@link #list()}, {@link #namespace()}, {@link #queue()}, {@link #lock()} and
 * {@link #event()} create new objects of {@code SyncManager}'s types in the server;
 * {@link #create} creates one of any registered type, called by method name or seen through the
 * same views ({@link #map}, {@link #list(CPythonObject)}, ...). Values cross as pickles, of the
 * types {@link PickleSerializer} carries, and what the server sends back is read as data only: an
 * exception a method raised is a {@link CPythonException} (or what the Java interface says, such
 * as {@code IndexOutOfBoundsException}), never a Python object rebuilt here. A method that returns
 * a proxy (a {@code dict}'s {@code __iter__}) is not followed.
 *
 * <p>Every thread calls over a connection of its own, which the server serves on a thread of its
 * own, as CPython's proxies do; a call waits in the server (a queue's {@code get}, a lock's
 * {@code acquire}) without holding up other threads. A server that cannot be reached fails calls
 * with {@link org.multiprocessing4j.ManagerUnavailableException}. Each proxy holds one of the
 * server's references to its object until it is closed or collected.
 */
public final class CPythonManager implements AutoCloseable {

    private final ManagerClient client;

    private CPythonManager(ManagerClient client) {
        this.client = client;
    }

    /**
     * Connects to a CPython manager's server.
     *
     * @param address where it listens
     * @param authKey its key ({@code authkey})
     * @return the manager
     * @throws org.multiprocessing4j.AuthenticationException if the server refuses the key
     * @throws IOException if nothing serves there
     * @throws InterruptedException if interrupted while connecting
     */
    public static CPythonManager connect(SocketAddress address, byte[] authKey) throws IOException, InterruptedException {
        return new CPythonManager(ManagerClient.connect(address, authKey));
    }

    /**
     * Creates an object of a type registered in the server: Python's {@code manager.<typeid>(*args)}.
     *
     * @param typeid the name the type is registered with
     * @param args the arguments of its callable, of the types {@link PickleSerializer} carries
     * @return a proxy of the object
     * @throws CPythonException if there is no such type, or its callable raised
     */
    public CPythonObject create(String typeid, Object... args) {
        return new CPythonObject(client, typeid, client.create(typeid, Arrays.asList(args)));
    }

    /** A new {@code dict} in the server ({@code SyncManager.dict()}), as a {@code Map}. */
    public Map<Object, Object> dict() {
        return map(create("dict"));
    }

    /** A new {@code list} in the server ({@code SyncManager.list()}), as a {@code List}. */
    public List<Object> list() {
        return list(create("list"));
    }

    /** A new {@code Namespace} in the server ({@code SyncManager.Namespace()}). */
    public Namespace namespace() {
        return namespace(create("Namespace"));
    }

    /** A new unbounded {@code queue.Queue} in the server ({@code SyncManager.Queue()}), as a {@code BlockingQueue}. */
    public BlockingQueue<Object> queue() {
        return queue(create("Queue"));
    }

    /** A new {@code threading.Lock} in the server ({@code SyncManager.Lock()}), as a {@code Lock}. */
    public Lock lock() {
        return lock(create("Lock"));
    }

    /** A new {@code threading.Event} in the server ({@code SyncManager.Event()}). */
    public ProcessEvent event() {
        return event(create("Event"));
    }

    /**
     * An object exposing {@code DictProxy}'s methods, as a {@code Map}: each method one call in the
     * server, but {@code put} (which reads the previous value first) and {@code Map}'s defaults;
     * iteration and the views work on a read-only copy.
     *
     * @param dict the object
     * @return the map
     */
    public Map<Object, Object> map(CPythonObject dict) {
        return new PythonDict(dict);
    }

    /**
     * An object exposing {@code ListProxy}'s methods, as a {@code List}; iteration works on a copy.
     *
     * @param list the object
     * @return the list
     */
    public List<Object> list(CPythonObject list) {
        return new PythonList(list);
    }

    /**
     * An object exposing {@code NamespaceProxy}'s methods, as a {@code Namespace}.
     *
     * @param namespace the object
     * @return the namespace
     */
    public Namespace namespace(CPythonObject namespace) {
        return new PythonNamespace(namespace);
    }

    /**
     * A {@code queue.Queue}, as a {@code BlockingQueue} without {@code peek} or iteration, which
     * Python's queue does not have; waits happen in the server and end by themselves or in time,
     * not by an interrupt, which is kept for after them.
     *
     * @param queue the object
     * @return the queue
     */
    public BlockingQueue<Object> queue(CPythonObject queue) {
        return new PythonQueue(queue);
    }

    /**
     * An object exposing {@code AcquirerProxy}'s methods ({@code Lock}, {@code RLock},
     * {@code Semaphore}), as a {@code Lock} without conditions.
     *
     * @param lock the object
     * @return the lock
     */
    public Lock lock(CPythonObject lock) {
        return new PythonLock(lock);
    }

    /**
     * An object exposing {@code EventProxy}'s methods, as a {@code ProcessEvent}.
     *
     * @param event the object
     * @return the event
     */
    public ProcessEvent event(CPythonObject event) {
        return new PythonEvent(event);
    }

    /** Stops the server, as Python's {@code manager.shutdown()}; its objects go with it. */
    public void shutdown() {
        client.shutdown();
    }

    /**
     * Gives up the references this manager's proxies hold (the server frees the objects no other
     * client holds, as when a Python client's proxies go) and closes this process's connections;
     * the server stays.
     */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "CPythonManager[" + client.address() + "]";
    }
}
