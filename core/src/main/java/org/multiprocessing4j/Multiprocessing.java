package org.multiprocessing4j;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.multiprocessing4j.function.SerializableBiConsumer;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.log.LibraryLog;
import org.multiprocessing4j.spi.Serializer;

/**
 * The entry point: Python's {@code multiprocessing} module as static methods over a default
 * {@link ProcessContext}.
 *
 * <pre>{@code
 * ChildProcess p = Multiprocessing.process(() -> System.out.println("hello from a child JVM"));
 * p.start();
 * p.join();
 * }</pre>
 *
 * <p>No {@code main} guard is needed: a child runs only its target, never the parent's
 * {@code main}.
 *
 * <p>The default context is the backend named by the system property
 * {@code multiprocessing4j.context} ({@code -Dmultiprocessing4j.context=local}, the local backend
 * when the property is unset), with the options that the properties
 * {@code multiprocessing4j.context.<option>} give
 * ({@code -Dmultiprocessing4j.context.mode=client}) and the backend's defaults for the others; so
 * the same program runs on another backend by that one switch. A backend may give its children
 * their parent's context as their default (the {@code hazelcast} one does). Every method here is
 * the method of the same name of {@link #context()}.
 */
public final class Multiprocessing {

    private static volatile ProcessContext context;

    private Multiprocessing() {
    }

    /**
     * The context the methods of this class use: the one {@link #setStartMethod} chose, or the
     * default context (see the class comment), looked up on first use.
     *
     * @return the context
     * @throws IllegalArgumentException if the system property names a backend that is not on the
     *     class path
     */
    public static ProcessContext context() {
        ProcessContext chosen = context;
        if (chosen == null) {
            synchronized (Multiprocessing.class) {
                chosen = context;
                if (chosen == null) {
                    chosen = Backends.byProperty();
                    context = chosen;
                }
            }
        }
        return chosen;
    }

    /**
     * Chooses how the methods of this class start children from now on: Python's
     * {@code set_start_method}, which makes {@link ProcessContext#local(StartMethod)} the context
     * of this class. Children already started, and other contexts, are not affected. The default
     * is {@link StartMethod#WARM}, or the value of the system property
     * {@code multiprocessing4j.startMethod} ({@code warm} or {@code cold}).
     *
     * @param method the start method
     * @throws IllegalStateException if the default context is not the local one: start methods
     *     are options of the local backend
     */
    public static synchronized void setStartMethod(StartMethod method) {
        if (!context().name().equals("local")) {
            throw new IllegalStateException("start methods are options of the local context; this program's context is "
                    + context().name());
        }
        context = ProcessContext.local(method);
    }

    /**
     * Prints what the library does on standard error from now on: Python's
     * {@code log_to_stderr(logging.DEBUG)}. Each line shows the level and this process's name, as
     * Python's do: {@code [DEBUG/MainProcess] Process-3 starts cold: no spare JVM is ready}.
     * Same as {@code logToStderr(System.Logger.Level.DEBUG)}.
     *
     * @see #logToStderr(System.Logger.Level)
     */
    public static void logToStderr() {
        logToStderr(System.Logger.Level.DEBUG);
    }

    /**
     * Prints the library's events from {@code level} up on standard error from now on: Python's
     * {@code log_to_stderr(level)}.
     *
     * <p>The library logs through {@link System.Logger}, to loggers whose names begin with
     * {@code org.multiprocessing4j} ({@code .process}: why a child started cold, spare JVMs launched,
     * refilled and discarded, the class-data archive trained and installed; {@code .pool}: which
     * worker ended, why, and its replacement). All its events are at {@code DEBUG} or
     * {@code TRACE}, so by default nothing shows. An application whose logging is configured
     * already sets the level of {@code org.multiprocessing4j} there instead; this method configures
     * {@code java.util.logging}, which receives {@code System.Logger}'s records unless the
     * application installed another {@link System.LoggerFinder}. The setting is this process's;
     * children log nothing of their own unless they call it too.
     *
     * @param level the lowest level shown: {@code TRACE} adds every warm start to {@code DEBUG}'s
     *     events
     */
    public static void logToStderr(System.Logger.Level level) {
        LibraryLog.toStderr(level, () -> currentProcess().name());
    }

    /**
     * Creates a child process, not yet started, that will run {@code target}.
     *
     * @param target what the child runs
     * @return the child
     */
    public static ChildProcess process(SerializableRunnable target) {
        return context().process(target);
    }

    /**
     * Creates a child process that will run {@code target} with one argument.
     *
     * @param target what the child runs
     * @param argument the argument
     * @param <A> the argument's type
     * @return the child
     */
    public static <A> ChildProcess process(SerializableConsumer<A> target, A argument) {
        return context().process(target, argument);
    }

    /**
     * Creates a child process that will run {@code target} with two arguments.
     *
     * @param target what the child runs
     * @param first the first argument
     * @param second the second argument
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @return the child
     */
    public static <A, B> ChildProcess process(SerializableBiConsumer<A, B> target, A first, B second) {
        return context().process(target, first, second);
    }

    /**
     * The process this code runs in: {@code MainProcess} in the program's first JVM, the child's own
     * name and pid inside a child.
     *
     * @return the current process
     */
    public static ProcessIdentity currentProcess() {
        return context().currentProcess();
    }

    /**
     * The process that started this one.
     *
     * @return the parent, or empty in the program's first JVM
     */
    public static Optional<ProcessIdentity> parentProcess() {
        return context().parentProcess();
    }

    /**
     * The children of the current process that are running.
     *
     * @return a snapshot, in start order
     */
    public static List<ChildProcess> activeChildren() {
        return context().activeChildren();
    }

    /**
     * The number of processors the children can use.
     *
     * @return at least 1
     */
    public static int cpuCount() {
        return context().cpuCount();
    }

    /**
     * Creates a lock shared by processes: Python's {@code Lock()}.
     *
     * @return a new, free lock
     */
    public static ProcessLock lock() {
        return context().lock();
    }

    /**
     * Creates a reentrant lock shared by processes: Python's {@code RLock()}.
     *
     * @return a new, free lock
     */
    public static ProcessReentrantLock reentrantLock() {
        return context().reentrantLock();
    }

    /**
     * Creates a condition variable of {@code lock}: Python's {@code Condition(lock)}.
     *
     * @param lock the lock that waiters and signallers hold
     * @return a new condition
     */
    public static ProcessCondition condition(RobustLock lock) {
        return context().condition(lock);
    }

    /**
     * Creates a semaphore shared by processes: Python's {@code Semaphore(permits)}.
     *
     * @param permits the permits it starts with, at least 0
     * @return a new semaphore
     */
    public static ProcessSemaphore semaphore(int permits) {
        return context().semaphore(permits);
    }

    /**
     * Creates a bounded semaphore shared by processes: Python's {@code BoundedSemaphore(permits)}.
     *
     * @param permits the permits it starts with and its bound, at least 1
     * @return a new semaphore
     */
    public static ProcessSemaphore boundedSemaphore(int permits) {
        return context().boundedSemaphore(permits);
    }

    /**
     * Creates an event shared by processes: Python's {@code Event()}.
     *
     * @return a new, clear event
     */
    public static ProcessEvent event() {
        return context().event();
    }

    /**
     * Creates a barrier shared by processes: Python's {@code Barrier(parties)}.
     *
     * @param parties how many must arrive for it to trip
     * @return a new barrier
     */
    public static ProcessBarrier barrier(int parties) {
        return context().barrier(parties);
    }

    /**
     * Creates a barrier shared by processes whose last party runs {@code action} in each
     * generation: Python's {@code Barrier(parties, action)}.
     *
     * @param parties how many must arrive for it to trip
     * @param action what the last party runs, or {@code null}
     * @return a new barrier
     */
    public static ProcessBarrier barrier(int parties, SerializableRunnable action) {
        return context().barrier(parties, action);
    }

    /**
     * Creates a duplex pipe: Python's {@code Pipe()}.
     *
     * @return the two ends
     */
    public static Pipe pipe() {
        return context().pipe();
    }

    /**
     * Creates a pipe, one-way unless {@code duplex}: Python's {@code Pipe(duplex)}.
     *
     * @param duplex whether messages go both ways
     * @return the two ends
     */
    public static Pipe pipe(boolean duplex) {
        return context().pipe(duplex);
    }

    /**
     * Creates a pipe whose objects go through {@code serializer}.
     *
     * @param duplex whether messages go both ways
     * @param serializer how objects are sent
     * @return the two ends
     */
    public static Pipe pipe(boolean duplex, Serializer serializer) {
        return context().pipe(duplex, serializer);
    }

    /**
     * Creates an unbounded queue shared by processes: Python's {@code Queue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> ProcessQueue<E> queue() {
        return context().queue();
    }

    /**
     * Creates a queue holding at most {@code bound} elements: Python's {@code Queue(maxsize)}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> ProcessQueue<E> queue(int bound) {
        return context().queue(bound);
    }

    /**
     * Creates a queue whose elements go through {@code serializer}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> ProcessQueue<E> queue(int bound, Serializer serializer) {
        return context().queue(bound, serializer);
    }

    /**
     * Creates an unbounded joinable queue: Python's {@code JoinableQueue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> JoinableProcessQueue<E> joinableQueue() {
        return context().joinableQueue();
    }

    /**
     * Creates a joinable queue holding at most {@code bound} elements: Python's
     * {@code JoinableQueue(maxsize)}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> JoinableProcessQueue<E> joinableQueue(int bound) {
        return context().joinableQueue(bound);
    }

    /**
     * Creates a joinable queue whose elements go through {@code serializer}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> JoinableProcessQueue<E> joinableQueue(int bound, Serializer serializer) {
        return context().joinableQueue(bound, serializer);
    }

    /**
     * Creates a simple queue: Python's {@code SimpleQueue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> SimpleProcessQueue<E> simpleQueue() {
        return context().simpleQueue();
    }

    /**
     * Creates a simple queue whose elements go through {@code serializer}.
     *
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    public static <E> SimpleProcessQueue<E> simpleQueue(Serializer serializer) {
        return context().simpleQueue(serializer);
    }

    /**
     * Creates a named block of {@code size} zero bytes shared by processes, with a name made up
     * for it and owned by this process: Python's {@code SharedMemory(create=True, size=size)}.
     *
     * @param size its size in bytes, at least 1
     * @return this process's view of the new block
     * @see SharedMemory
     */
    public static SharedMemory sharedMemory(long size) {
        return context().sharedMemory(size);
    }

    /**
     * Creates a block of {@code size} zero bytes named {@code name}, owned by this process:
     * Python's {@code SharedMemory(name, create=True, size=size)}.
     *
     * @param name its name, or {@code null} for a name made up for it
     * @param size its size in bytes, at least 1
     * @return this process's view of the new block
     * @throws java.nio.file.FileAlreadyExistsException if a block has that name
     * @throws IOException if the block cannot be created for another reason
     */
    public static SharedMemory sharedMemory(String name, long size) throws IOException {
        return context().sharedMemory(name, size);
    }

    /**
     * Creates a block of {@code size} zero bytes named {@code name}, which lives as
     * {@code lifetime} says if no process unlinks it.
     *
     * @param name its name, or {@code null} for a name made up for it
     * @param size its size in bytes, at least 1
     * @param lifetime how long it lives if nobody unlinks it
     * @return this process's view of the new block
     * @throws java.nio.file.FileAlreadyExistsException if a block has that name
     * @throws IOException if the block cannot be created for another reason
     */
    public static SharedMemory sharedMemory(String name, long size, SharedMemory.Lifetime lifetime)
            throws IOException {
        return context().sharedMemory(name, size, lifetime);
    }

    /**
     * Attaches the block named {@code name}, made by this library or CPython: Python's
     * {@code SharedMemory(name)}. This process does not own it.
     *
     * @param name the block's name
     * @return a new view of the block
     * @throws java.nio.file.NoSuchFileException if there is no block of that name
     * @throws IOException if the block cannot be attached for another reason
     */
    public static SharedMemory attachSharedMemory(String name) throws IOException {
        return context().attachSharedMemory(name);
    }

    /**
     * Creates a list of {@code items} in a new named block, owned by this process: Python's
     * {@code ShareableList(items)}. See {@link ProcessContext#shareableList(List)}.
     *
     * @param items the items: numbers, booleans, strings, byte arrays and {@code null}s
     * @return this process's view of the new list
     * @see ShareableList
     */
    public static ShareableList shareableList(List<?> items) {
        return context().shareableList(items);
    }

    /**
     * Creates a list of {@code items} in a new named block whose slots each hold at least
     * {@code slotBytes} bytes. See {@link ProcessContext#shareableList(List, int)}.
     *
     * @param items the items: numbers, booleans, strings, byte arrays and {@code null}s
     * @param slotBytes the least capacity of each slot in bytes; 0 for each sized from its item
     * @return this process's view of the new list
     */
    public static ShareableList shareableList(List<?> items, int slotBytes) {
        return context().shareableList(items, slotBytes);
    }

    /**
     * Creates a list of {@code items} in a new block named {@code name}: Python's
     * {@code ShareableList(items, name=name)}. See
     * {@link ProcessContext#shareableList(String, List, int)}.
     *
     * @param name the block's name, or {@code null} for a name made up for it
     * @param items the items: numbers, booleans, strings, byte arrays and {@code null}s
     * @param slotBytes the least capacity of each slot in bytes; 0 for each sized from its item
     * @return this process's view of the new list
     * @throws java.nio.file.FileAlreadyExistsException if a block has that name
     * @throws IOException if the block cannot be created for another reason
     */
    public static ShareableList shareableList(String name, List<?> items, int slotBytes) throws IOException {
        return context().shareableList(name, items, slotBytes);
    }

    /**
     * Attaches the list in the block named {@code name}: Python's {@code ShareableList(name=name)}.
     * This process does not own it.
     *
     * @param name the block's name
     * @return a new view of the list
     * @throws java.nio.file.NoSuchFileException if there is no block of that name
     * @throws IOException if the block cannot be attached for another reason
     */
    public static ShareableList attachShareableList(String name) throws IOException {
        return context().attachShareableList(name);
    }

    /**
     * Creates an {@code int} shared by processes, with a lock of its own: Python's
     * {@code Value('i', initial)}. See {@link ProcessContext#sharedInt(int)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedInt sharedInt(int initial) {
        return context().sharedInt(initial);
    }

    /**
     * Creates an {@code int} shared by processes, guarded by {@code lock}: Python's
     * {@code Value('i', initial, lock=lock)}. See {@link ProcessContext#sharedInt(int,RobustLock)}.
     *
     * @param initial its value
     * @param lock its lock, of {@link #context()}; one lock may guard several values
     * @return the new value
     */
    public static SharedInt sharedInt(int initial, RobustLock lock) {
        return context().sharedInt(initial, lock);
    }

    /**
     * Creates an {@code int} shared by processes, without a lock: Python's
     * {@code RawValue('i', initial)}. See {@link ProcessContext#rawSharedInt(int)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedInt rawSharedInt(int initial) {
        return context().rawSharedInt(initial);
    }

    /**
     * Creates a {@code long} shared by processes, with a lock of its own: Python's
     * {@code Value('q', initial)}. See {@link ProcessContext#sharedLong(long)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedLong sharedLong(long initial) {
        return context().sharedLong(initial);
    }

    /**
     * Creates a {@code long} shared by processes, guarded by {@code lock}: Python's
     * {@code Value('q', initial, lock=lock)}. See {@link ProcessContext#sharedLong(long,RobustLock)}.
     *
     * @param initial its value
     * @param lock its lock, of {@link #context()}; one lock may guard several values
     * @return the new value
     */
    public static SharedLong sharedLong(long initial, RobustLock lock) {
        return context().sharedLong(initial, lock);
    }

    /**
     * Creates a {@code long} shared by processes, without a lock: Python's
     * {@code RawValue('q', initial)}. See {@link ProcessContext#rawSharedLong(long)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedLong rawSharedLong(long initial) {
        return context().rawSharedLong(initial);
    }

    /**
     * Creates a {@code double} shared by processes, with a lock of its own: Python's
     * {@code Value('d', initial)}. See {@link ProcessContext#sharedDouble(double)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedDouble sharedDouble(double initial) {
        return context().sharedDouble(initial);
    }

    /**
     * Creates a {@code double} shared by processes, guarded by {@code lock}: Python's
     * {@code Value('d', initial, lock=lock)}. See {@link ProcessContext#sharedDouble(double,RobustLock)}.
     *
     * @param initial its value
     * @param lock its lock, of {@link #context()}; one lock may guard several values
     * @return the new value
     */
    public static SharedDouble sharedDouble(double initial, RobustLock lock) {
        return context().sharedDouble(initial, lock);
    }

    /**
     * Creates a {@code double} shared by processes, without a lock: Python's
     * {@code RawValue('d', initial)}. See {@link ProcessContext#rawSharedDouble(double)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedDouble rawSharedDouble(double initial) {
        return context().rawSharedDouble(initial);
    }

    /**
     * Creates a {@code boolean} shared by processes, with a lock of its own: Python's
     * {@code Value(ctypes.c_bool, initial)}. See {@link ProcessContext#sharedBoolean(boolean)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedBoolean sharedBoolean(boolean initial) {
        return context().sharedBoolean(initial);
    }

    /**
     * Creates a {@code boolean} shared by processes, guarded by {@code lock}: Python's
     * {@code Value(ctypes.c_bool, initial, lock=lock)}.
     * See {@link ProcessContext#sharedBoolean(boolean,RobustLock)}.
     *
     * @param initial its value
     * @param lock its lock, of {@link #context()}; one lock may guard several values
     * @return the new value
     */
    public static SharedBoolean sharedBoolean(boolean initial, RobustLock lock) {
        return context().sharedBoolean(initial, lock);
    }

    /**
     * Creates a {@code boolean} shared by processes, without a lock: Python's
     * {@code RawValue(ctypes.c_bool, initial)}. See {@link ProcessContext#rawSharedBoolean(boolean)}.
     *
     * @param initial its value
     * @return the new value
     */
    public static SharedBoolean rawSharedBoolean(boolean initial) {
        return context().rawSharedBoolean(initial);
    }

    /**
     * Creates a string shared by processes, of at most {@code capacity} bytes of UTF-8, with a lock
     * of its own: Python's {@code Array('c', capacity)} and its {@code value}.
     * See {@link ProcessContext#sharedString(int,String)}.
     *
     * @param capacity the most bytes its UTF-8 encoding may take, at least 0
     * @param initial its value
     * @return the new string
     * @throws IllegalArgumentException if {@code capacity} is negative or beyond what the backend
     *     maps (the local one: 512 MiB), or the UTF-8 encoding of {@code initial} is longer
     *     than {@code capacity}
     */
    public static SharedString sharedString(int capacity, String initial) {
        return context().sharedString(capacity, initial);
    }

    /**
     * Creates a string shared by processes, of at most {@code capacity} bytes of UTF-8, guarded by
     * {@code lock}: Python's {@code Array('c', capacity, lock=lock)}.
     * See {@link ProcessContext#sharedString(int,String,RobustLock)}.
     *
     * @param capacity the most bytes its UTF-8 encoding may take, at least 0
     * @param initial its value
     * @param lock its lock, of {@link #context()}; one lock may guard several values
     * @return the new string
     * @throws IllegalArgumentException if {@code capacity} is negative or beyond what the backend
     *     maps (the local one: 512 MiB), or the UTF-8 encoding of {@code initial} is longer
     *     than {@code capacity}
     */
    public static SharedString sharedString(int capacity, String initial, RobustLock lock) {
        return context().sharedString(capacity, initial, lock);
    }

    /**
     * Creates a string shared by processes, of at most {@code capacity} bytes of UTF-8, without a
     * lock: Python's {@code RawArray('c', capacity)}.
     * See {@link ProcessContext#rawSharedString(int,String)}.
     *
     * @param capacity the most bytes its UTF-8 encoding may take, at least 0
     * @param initial its value
     * @return the new string
     * @throws IllegalArgumentException if {@code capacity} is negative or beyond what the backend
     *     maps (the local one: 512 MiB), or the UTF-8 encoding of {@code initial} is longer
     *     than {@code capacity}
     */
    public static SharedString rawSharedString(int capacity, String initial) {
        return context().rawSharedString(capacity, initial);
    }

    /**
     * Creates an array of {@code length} {@code int}s shared by processes, all 0, with a lock of
     * its own: Python's {@code Array('i', length)}. See {@link ProcessContext#sharedIntArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedIntArray sharedIntArray(int length) {
        return context().sharedIntArray(length);
    }

    /**
     * Creates an array of {@code length} {@code int}s shared by processes, all 0, guarded by
     * {@code lock}: Python's {@code Array('i', length, lock=lock)}.
     * See {@link ProcessContext#sharedIntArray(int,RobustLock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of {@link #context()}; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedIntArray sharedIntArray(int length, RobustLock lock) {
        return context().sharedIntArray(length, lock);
    }

    /**
     * Creates an array of {@code length} {@code int}s shared by processes, all 0, without a lock:
     * Python's {@code RawArray('i', length)}. See {@link ProcessContext#rawSharedIntArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedIntArray rawSharedIntArray(int length) {
        return context().rawSharedIntArray(length);
    }

    /**
     * Creates an array of {@code length} {@code long}s shared by processes, all 0, with a lock of
     * its own: Python's {@code Array('q', length)}.
     * See {@link ProcessContext#sharedLongArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedLongArray sharedLongArray(int length) {
        return context().sharedLongArray(length);
    }

    /**
     * Creates an array of {@code length} {@code long}s shared by processes, all 0, guarded by
     * {@code lock}: Python's {@code Array('q', length, lock=lock)}.
     * See {@link ProcessContext#sharedLongArray(int,RobustLock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of {@link #context()}; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedLongArray sharedLongArray(int length, RobustLock lock) {
        return context().sharedLongArray(length, lock);
    }

    /**
     * Creates an array of {@code length} {@code long}s shared by processes, all 0, without a lock:
     * Python's {@code RawArray('q', length)}. See {@link ProcessContext#rawSharedLongArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedLongArray rawSharedLongArray(int length) {
        return context().rawSharedLongArray(length);
    }

    /**
     * Creates an array of {@code length} {@code double}s shared by processes, all 0, with a lock of
     * its own: Python's {@code Array('d', length)}.
     * See {@link ProcessContext#sharedDoubleArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedDoubleArray sharedDoubleArray(int length) {
        return context().sharedDoubleArray(length);
    }

    /**
     * Creates an array of {@code length} {@code double}s shared by processes, all 0, guarded by
     * {@code lock}: Python's {@code Array('d', length, lock=lock)}.
     * See {@link ProcessContext#sharedDoubleArray(int,RobustLock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of {@link #context()}; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedDoubleArray sharedDoubleArray(int length, RobustLock lock) {
        return context().sharedDoubleArray(length, lock);
    }

    /**
     * Creates an array of {@code length} {@code double}s shared by processes, all 0, without a
     * lock: Python's {@code RawArray('d', length)}.
     * See {@link ProcessContext#rawSharedDoubleArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedDoubleArray rawSharedDoubleArray(int length) {
        return context().rawSharedDoubleArray(length);
    }

    /**
     * Creates an array of {@code length} bytes shared by processes, all 0, with a lock of its own:
     * Python's {@code Array('b', length)}. See {@link ProcessContext#sharedByteArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedByteArray sharedByteArray(int length) {
        return context().sharedByteArray(length);
    }

    /**
     * Creates an array of {@code length} bytes shared by processes, all 0, guarded by {@code lock}:
     * Python's {@code Array('b', length, lock=lock)}.
     * See {@link ProcessContext#sharedByteArray(int,RobustLock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of {@link #context()}; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedByteArray sharedByteArray(int length, RobustLock lock) {
        return context().sharedByteArray(length, lock);
    }

    /**
     * Creates an array of {@code length} bytes shared by processes, all 0, without a lock: Python's
     * {@code RawArray('b', length)}. See {@link ProcessContext#rawSharedByteArray(int)}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    public static SharedByteArray rawSharedByteArray(int length) {
        return context().rawSharedByteArray(length);
    }

    /**
     * Starts a {@link Manager}: a server process that owns shared objects, Python's
     * {@code Manager()}.
     *
     * @return the manager, its server ready
     * @see ProcessContext#manager()
     */
    public static Manager manager() {
        return context().manager();
    }

    /**
     * Starts a {@link Manager} with options.
     *
     * @param options types of the application's own, a socket for other programs, a key
     * @return the manager, its server ready
     * @see ProcessContext#manager(ManagerOptions)
     */
    public static Manager manager(ManagerOptions options) {
        return context().manager(options);
    }

    /**
     * A pool of {@link #cpuCount()} worker processes: Python's {@code Pool()}.
     *
     * @return the pool, its workers started
     */
    public static ProcessPool pool() {
        return context().pool();
    }

    /**
     * A pool of {@code processes} worker processes: Python's {@code Pool(processes)}.
     *
     * @param processes how many workers, at least 1
     * @return the pool, its workers started
     */
    public static ProcessPool pool(int processes) {
        return context().pool(processes);
    }
}
