package org.multiprocessing4j;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.manager.ManagerLink;

/**
 * A server process that owns objects, and the proxies through which other processes use them:
 * Python's {@code multiprocessing.Manager()} and {@code BaseManager}.
 *
 * <pre>{@code
 * try (Manager manager = Multiprocessing.manager()) {
 *     ManagedMap<String, Integer> counts = manager.map();
 *     ChildProcess child = Multiprocessing.process(() -> counts.merge("x", 1, Integer::sum));
 *     child.start();
 *     child.join();
 *     System.out.println(counts.get("x")); // 1
 * }
 * }</pre>
 *
 * <h2>Proxies</h2>
 * Each factory method makes a new object in the server and returns a proxy of it that implements
 * the library's interface for that kind of object ({@link ManagedMap}, {@link List},
 * {@link ProcessQueue}, {@link ProcessLock}...), so code written for one implementation runs on
 * the other. Types of the application's own are registered with
 * {@link ManagerOptions#register} and made by {@link #create}.
 * <ul>
 *   <li>A call on a proxy runs in the server, on a thread that stands for the calling thread: a
 *       lock taken by a thread is held by that thread, and a thread blocked in {@code take()}
 *       blocks no other caller. Interrupts behave as if the method ran in the caller: a thread
 *       interrupted before or during a call that waits gets its {@link InterruptedException}, and
 *       a call that does not wait keeps the interrupt status for the caller.</li>
 *   <li>Arguments and results are copied, with the proxy's serializer; an argument that cannot be
 *       serialized fails in the caller with {@link UnserializableObjectException} and nothing
 *       runs. A proxy passed as an argument, stored in another object, or returned by a method
 *       whose declared return type is a proxy type (a lock's {@code newCondition()}, a registered
 *       interface) arrives as a proxy of the same object.</li>
 *   <li>A proxy captured by a child's target, taken as a task's argument or sent through a queue
 *       or a pipe works in the receiving process. The proxy of a manager reached over the network
 *       works in the process that {@linkplain #connect connected} to it, and in the children it
 *       gives it to in their targets, which inherit the key (as Python's children inherit their
 *       {@code authkey}) and read from the server what the default allow list allows.</li>
 *   <li>An exception thrown in the server is thrown by the call, of the same class and with the
 *       server's stack trace (a {@link RemoteTaskException} naming its class when that class
 *       cannot be recreated). When the server is gone, every call throws
 *       {@link ManagerUnavailableException} within a couple of seconds, never hangs. (Over a
 *       network, a server whose machine vanishes without closing its sockets is noticed only when
 *       the operating system gives up on the connection.)</li>
 *   <li>A proxy of a map, a list or a set compares contents, as its interface says; any other
 *       proxy equals the proxies of the same object.</li>
 *   <li>Values and arrays ({@link #sharedInt}, {@link #sharedDoubleArray}...) are the context's
 *       shared types served over calls: each operation is atomic and one call; {@code copyTo} and
 *       {@code copyFrom} move a range in one call; {@code asBuffer()} throws
 *       {@link UnsupportedOperationException}, since the memory is the server's. For loops at
 *       memory speed, use the context's own shared arrays.</li>
 *   <li>A lock held by a thread whose process dies (even by {@code SIGKILL}) is released, and the
 *       next thread to take it sees {@link RobustLock#ownerDied()}.</li>
 *   <li>Objects live as long as the server: one that no process uses any more is not freed
 *       before the manager shuts down.</li>
 * </ul>
 *
 * <h2>Life</h2>
 * The process that starts a manager owns it: {@link #close()} shuts the server down, and the
 * server never outlives its owner, however the owner ends. A manager reached by
 * {@link #connect} is another process's: closing it closes this process's connections only.
 *
 * @see ProcessContext#manager()
 */
public interface Manager extends AutoCloseable {

    /**
     * Connects to a manager that serves on a TCP or Unix-domain socket address
     * ({@link ManagerOptions#listen}), from any process: Python's {@code BaseManager.connect()}.
     *
     * @param address the manager's address
     * @param authKey the manager's authentication key
     * @return the manager, whose factories make objects in that server
     * @throws AuthenticationException if the server refuses the key or does not prove it knows it
     * @throws IOException if nothing serves at the address
     * @throws InterruptedException if interrupted while connecting
     */
    static Manager connect(SocketAddress address, byte[] authKey)
            throws IOException, InterruptedException {
        return connect(address, new ManagerOptions().authKey(authKey));
    }

    /**
     * Connects to a manager with the key and allow list of {@code options}; only those two of its
     * settings are used.
     *
     * @param address the manager's address
     * @param options the authentication key and the classes this process reads from the server
     * @return the manager
     * @throws AuthenticationException if the server refuses the key or does not prove it knows it
     * @throws IOException if nothing serves at the address
     * @throws InterruptedException if interrupted while connecting
     */
    static Manager connect(SocketAddress address, ManagerOptions options)
            throws IOException, InterruptedException {
        return ManagerLink.connect(address, options.settings());
    }

    /**
     * A new map: Python's {@code Manager().dict()}.
     *
     * @param <K> the type of keys
     * @param <V> the type of values
     * @return a proxy of the map
     */
    <K, V> ManagedMap<K, V> map();

    /**
     * A new list, {@code Collections.synchronizedList} of an {@code ArrayList} in the server:
     * Python's {@code Manager().list()}. Each call is atomic; iterators and views are copies.
     *
     * @param <E> the type of elements
     * @return a proxy of the list
     */
    <E> List<E> list();

    /**
     * A new set, a concurrent hash set in the server. Each call is atomic; iterators are copies.
     *
     * @param <E> the type of elements
     * @return a proxy of the set
     */
    <E> Set<E> set();

    /**
     * A new namespace of named attributes: Python's {@code Manager().Namespace()}.
     *
     * @return a proxy of the namespace
     */
    Namespace namespace();

    /**
     * A new unbounded queue: Python's {@code Manager().Queue()}.
     *
     * @param <E> the type of elements
     * @return a proxy of the queue; its {@code close()} closes this proxy only
     */
    <E> ProcessQueue<E> queue();

    /**
     * A new queue that holds at most {@code bound} elements.
     *
     * @param <E> the type of elements
     * @param bound the most elements it holds, at least 1
     * @return a proxy of the queue
     */
    <E> ProcessQueue<E> queue(int bound);

    /**
     * A new unbounded joinable queue: Python's {@code Manager().JoinableQueue()}.
     *
     * @param <E> the type of elements
     * @return a proxy of the queue
     */
    <E> JoinableProcessQueue<E> joinableQueue();

    /**
     * A new lock, not reentrant: Python's {@code Manager().Lock()}.
     *
     * @return a proxy of the lock
     */
    ProcessLock lock();

    /**
     * A new reentrant lock: Python's {@code Manager().RLock()}.
     *
     * @return a proxy of the lock
     */
    ProcessReentrantLock reentrantLock();

    /**
     * A new condition of {@code lock}, a lock of this manager.
     *
     * @param lock the lock, a proxy this manager made
     * @return a proxy of the condition
     * @throws IllegalArgumentException if the lock is not this manager's
     */
    ProcessCondition condition(RobustLock lock);

    /**
     * A new semaphore: Python's {@code Manager().Semaphore(permits)}.
     *
     * @param permits the permits it starts with
     * @return a proxy of the semaphore
     */
    ProcessSemaphore semaphore(int permits);

    /**
     * A new semaphore that refuses to be released above its initial permits: Python's
     * {@code Manager().BoundedSemaphore(permits)}.
     *
     * @param permits the permits it starts with, and its bound
     * @return a proxy of the semaphore
     */
    ProcessSemaphore boundedSemaphore(int permits);

    /**
     * A new event, not set: Python's {@code Manager().Event()}.
     *
     * @return a proxy of the event
     */
    ProcessEvent event();

    /**
     * A new barrier: Python's {@code Manager().Barrier(parties)}.
     *
     * @param parties how many threads it waits for
     * @return a proxy of the barrier
     */
    ProcessBarrier barrier(int parties);

    /**
     * A new barrier whose action runs in the server each time it trips.
     *
     * @param parties how many threads it waits for
     * @param action run by the last thread to arrive, in the server
     * @return a proxy of the barrier
     */
    ProcessBarrier barrier(int parties, SerializableRunnable action);

    /**
     * A new an {@code int} in the server, with a lock of its own: Python's {@code Manager().Value('i', initial)}.
     *
     * @param initial its first value
     * @return a proxy of it
     */
    SharedInt sharedInt(int initial);

    /**
     * A new a {@code long} in the server, with a lock of its own: Python's {@code Manager().Value('q', initial)}.
     *
     * @param initial its first value
     * @return a proxy of it
     */
    SharedLong sharedLong(long initial);

    /**
     * A new a {@code double} in the server, with a lock of its own: Python's {@code Manager().Value('d', initial)}.
     *
     * @param initial its first value
     * @return a proxy of it
     */
    SharedDouble sharedDouble(double initial);

    /**
     * A new a {@code boolean} in the server, with a lock of its own: Python's {@code Manager().Value('b', initial)}.
     *
     * @param initial its first value
     * @return a proxy of it
     */
    SharedBoolean sharedBoolean(boolean initial);

    /**
     * A new a string of at most {@code capacity} characters in the server, with a lock of its own: Python's {@code Manager().Value(c_wchar_p, initial)}.
     *
     * @param capacity the most characters it holds
     * @param initial its first value
     * @return a proxy of it
     */
    SharedString sharedString(int capacity, String initial);

    /**
     * A new an {@code int} array of {@code length} zeros in the server, with a lock of its own: Python's {@code Manager().Array('i', length)}.
     *
     * @param length how many elements, at least 0
     * @return a proxy of it
     */
    SharedIntArray sharedIntArray(int length);

    /**
     * A new a {@code long} array of {@code length} zeros in the server, with a lock of its own: Python's {@code Manager().Array('q', length)}.
     *
     * @param length how many elements, at least 0
     * @return a proxy of it
     */
    SharedLongArray sharedLongArray(int length);

    /**
     * A new a {@code double} array of {@code length} zeros in the server, with a lock of its own: Python's {@code Manager().Array('d', length)}.
     *
     * @param length how many elements, at least 0
     * @return a proxy of it
     */
    SharedDoubleArray sharedDoubleArray(int length);

    /**
     * A new a {@code byte} array of {@code length} zeros in the server, with a lock of its own: Python's {@code Manager().Array('b', length)}.
     *
     * @param length how many elements, at least 0
     * @return a proxy of it
     */
    SharedByteArray sharedByteArray(int length);

    /**
     * A new object of a type registered with {@link ManagerOptions#register}, made in the server by
     * its factory: Python's {@code manager.typeid()} for a registered {@code typeid}.
     *
     * @param <T> the registered interface
     * @param type the registered interface
     * @return a proxy of the new object
     * @throws IllegalArgumentException if the server has no factory for {@code type}
     */
    <T> T create(Class<T> type);

    /**
     * The socket address the server accepts connections on, if it was asked to
     * {@linkplain ManagerOptions#listen listen}; processes that this one starts reach it
     * without one.
     *
     * @return the address, or empty
     */
    Optional<SocketAddress> address();

    /**
     * Whether the server still answers: it has not been shut down, and has not been seen to die.
     *
     * @return whether the server is alive
     */
    boolean isAlive();

    /**
     * Shuts the server down if this process started it, waiting for it to exit; otherwise closes
     * this process's connections to it. Proxies then throw {@link ManagerUnavailableException}.
     * Does nothing the second time.
     */
    @Override
    void close();
}
