package org.multiprocessing4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.function.SerializableBiConsumer;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.ContextProvider;
import org.multiprocessing4j.spi.Serializer;

/**
 * A way of running processes, and the factory of everything they share: Python's
 * {@code multiprocessing} context. A backend is a context: {@link #local()} runs children as JVMs
 * on this machine; another backend, found by {@link #get(String)}, may run them elsewhere.
 * {@link Multiprocessing} is a facade over a default context, chosen by a system property, so a
 * program written against the facade, or against a {@code ProcessContext} it is given, runs
 * unchanged on another backend:
 *
 * <pre>{@code
 * ProcessContext mp = ProcessContext.get("local", Map.of("startMethod", "cold"));  // get_context("spawn")
 * ProcessQueue<String> q = mp.queue();
 * mp.process(() -> q.put("hello")).start();
 * }</pre>
 *
 * <h2>Contexts by name</h2>
 * {@link #get(String, Map)} asks the {@link ContextProvider} of that name, found with
 * {@link java.util.ServiceLoader}, for the context with those options; equal names and options
 * give the same context. The local backend is named {@code "local"} and takes these options:
 * <ul>
 *   <li>{@code startMethod}: {@code warm} (the default, or the system property
 *       {@code multiprocessing4j.startMethod}) or {@code cold}; see {@link StartMethod};</li>
 *   <li>{@code spares}: how many idle JVMs a warm context keeps ready, at least 0 (default 1, or the
 *       system property {@code multiprocessing4j.spares});</li>
 *   <li>{@code spareJvmOptions}: the extra JVM options of those spares, separated by spaces, so
 *       that one option cannot hold a space (none by default); only a child with exactly these
 *       {@link ChildProcess#jvmOptions} takes a spare.</li>
 * </ul>
 * Every local context of a process shares its children: they are numbered, listed by
 * {@link #activeChildren()} and handled at exit together, as Python's contexts share theirs. A
 * warm context launches its spares at its first start (or {@link #prestart}) and keeps them until
 * the JVM exits; since contexts are kept per set of options, a program makes a few contexts and
 * keeps them, rather than new spare options for every child.
 *
 * <h2>Across processes</h2>
 * Everything a context makes (queues, pipe ends, locks, ...) works in another process when a
 * child's target captures it, or when it is sent there: it is the same object in both. So does a
 * context itself: captured by a target, it is the same backend, with the same options, in the
 * child.
 */
public interface ProcessContext {

    /**
     * The local context with its default options: children as JVMs on this machine, started warm.
     *
     * @return the context
     */
    static ProcessContext local() {
        return get("local", Map.of());
    }

    /**
     * The local context that starts children with {@code method}: {@code local(StartMethod.COLD)} is
     * Python's {@code get_context("spawn")}.
     *
     * @param method the start method
     * @return the context
     */
    static ProcessContext local(StartMethod method) {
        return get("local", Map.of("startMethod", method.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * The context of the backend named {@code name}, with its default options.
     *
     * @param name the backend's name, such as {@code "local"}
     * @return the context
     * @throws IllegalArgumentException if no backend of that name is on the class path
     */
    static ProcessContext get(String name) {
        return get(name, Map.of());
    }

    /**
     * The context of the backend named {@code name} with {@code options}: the ones not given take
     * the backend's defaults.
     *
     * @param name the backend's name, such as {@code "local"}
     * @param options the backend's options, by name
     * @return the context: the same one for equal names and options
     * @throws IllegalArgumentException if no backend of that name is on the class path, or an
     *     option is unknown to it or has a value it does not accept
     */
    static ProcessContext get(String name, Map<String, String> options) {
        return Backends.provider(name).context(Map.copyOf(options));
    }

    /**
     * The name of this context's backend, as {@link #get(String)} takes it.
     *
     * @return the name
     */
    String name();

    /**
     * This context's options, every one the backend knows with the value it has here.
     *
     * @return the options, unmodifiable
     */
    Map<String, String> options();

    /**
     * Creates a child process, not yet started, that will run {@code target}.
     *
     * @param target what the child runs
     * @return the child
     */
    ChildProcess process(SerializableRunnable target);

    /**
     * Creates a child process that will run {@code target} with one argument: Python's
     * {@code Process(target=f, args=(argument,))}.
     *
     * @param target what the child runs
     * @param argument the argument; serialized when the child starts
     * @param <A> the argument's type
     * @return the child
     */
    default <A> ChildProcess process(SerializableConsumer<A> target, A argument) {
        return process(() -> target.accept(argument));
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
    default <A, B> ChildProcess process(SerializableBiConsumer<A, B> target, A first, B second) {
        return process(() -> target.accept(first, second));
    }

    /**
     * The process this code runs in.
     *
     * @return the current process
     */
    ProcessIdentity currentProcess();

    /**
     * The process that started the current one.
     *
     * @return the parent, or empty in the process the program started in
     */
    Optional<ProcessIdentity> parentProcess();

    /**
     * The children of the current process that have been started and have not yet exited.
     *
     * @return a snapshot, in start order
     */
    List<ChildProcess> activeChildren();

    /**
     * The number of processors the children of this context can use: for the local backend,
     * {@link Runtime#availableProcessors()} (which, unlike Python's {@code os.cpu_count()}, honours
     * CPU affinity and container limits).
     *
     * @return at least 1
     */
    int cpuCount();

    /**
     * Starts now what this context would otherwise start at its first use, and waits until it is
     * ready: for the local context, its spare JVMs, so that even the first children start warm.
     *
     * @param timeout the longest time to wait
     * @return whether everything is ready
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean prestart(Duration timeout) throws InterruptedException;

    /**
     * Starts now what this context would otherwise start at its first use; as
     * {@link #prestart(Duration)}.
     *
     * @param timeout the longest time to wait
     * @param unit its unit
     * @return whether everything is ready
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    default boolean prestart(long timeout, TimeUnit unit) throws InterruptedException {
        return prestart(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /**
     * Creates a lock shared by processes: Python's {@code Lock()}.
     *
     * @return a new, free lock
     */
    ProcessLock lock();

    /**
     * Creates a reentrant lock shared by processes: Python's {@code RLock()}.
     *
     * @return a new, free lock
     */
    ProcessReentrantLock reentrantLock();

    /**
     * Creates a condition variable of {@code lock}: Python's {@code Condition(lock)}. Same as
     * {@code lock.newCondition()}.
     *
     * @param lock the lock that waiters and signallers hold
     * @return a new condition
     */
    default ProcessCondition condition(RobustLock lock) {
        return lock.newCondition();
    }

    /**
     * Creates a semaphore shared by processes: Python's {@code Semaphore(permits)}.
     *
     * @param permits the permits it starts with, at least 0
     * @return a new semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    ProcessSemaphore semaphore(int permits);

    /**
     * Creates a bounded semaphore shared by processes: Python's {@code BoundedSemaphore(permits)},
     * which refuses to hold more than {@code permits} permits.
     *
     * @param permits the permits it starts with and its bound, at least 1
     * @return a new semaphore
     * @throws IllegalArgumentException if {@code permits} is less than 1
     */
    ProcessSemaphore boundedSemaphore(int permits);

    /**
     * Creates an event shared by processes: Python's {@code Event()}.
     *
     * @return a new, clear event
     */
    ProcessEvent event();

    /**
     * Creates a barrier shared by processes: Python's {@code Barrier(parties)}.
     *
     * @param parties how many must arrive for it to trip, at least 1 (the local backend takes up
     *     to 32767)
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is out of range
     */
    default ProcessBarrier barrier(int parties) {
        return barrier(parties, null);
    }

    /**
     * Creates a barrier shared by processes with an action: Python's
     * {@code Barrier(parties, action)}. The last party to arrive in each generation runs the
     * action, in its own process, before the others are released.
     *
     * @param parties how many must arrive for it to trip, at least 1 (the local backend takes up
     *     to 32767)
     * @param action what the last party runs, or {@code null} for nothing; serialized with the
     *     barrier
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is out of range
     */
    ProcessBarrier barrier(int parties, SerializableRunnable action);

    /**
     * Creates a duplex pipe: Python's {@code Pipe()}. Each end sends to and receives from the
     * other. Objects go through {@link Serializer#standard()}.
     *
     * @return the two ends
     */
    default Pipe pipe() {
        return pipe(true, Serializer.standard());
    }

    /**
     * Creates a pipe: Python's {@code Pipe(duplex)}. A one-way pipe carries messages from its
     * {@linkplain Pipe#right() right} end to its {@linkplain Pipe#left() left} end only.
     *
     * @param duplex whether messages go both ways
     * @return the two ends
     */
    default Pipe pipe(boolean duplex) {
        return pipe(duplex, Serializer.standard());
    }

    /**
     * Creates a pipe whose objects go through {@code serializer}.
     *
     * @param duplex whether messages go both ways
     * @param serializer how objects are sent; serializable, so that the ends can cross processes
     * @return the two ends
     */
    Pipe pipe(boolean duplex, Serializer serializer);

    /**
     * Creates an unbounded queue shared by processes: Python's {@code Queue()}. Elements go
     * through {@link Serializer#standard()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    default <E> ProcessQueue<E> queue() {
        return queue(0, Serializer.standard());
    }

    /**
     * Creates a queue shared by processes that holds at most {@code bound} elements: Python's
     * {@code Queue(maxsize)}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @throws IllegalArgumentException if {@code bound} is negative
     */
    default <E> ProcessQueue<E> queue(int bound) {
        return queue(bound, Serializer.standard());
    }

    /**
     * Creates a queue whose elements go through {@code serializer}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent; serializable, so that the queue can cross processes
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @throws IllegalArgumentException if {@code bound} is negative
     */
    <E> ProcessQueue<E> queue(int bound, Serializer serializer);

    /**
     * Creates an unbounded joinable queue shared by processes: Python's {@code JoinableQueue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    default <E> JoinableProcessQueue<E> joinableQueue() {
        return joinableQueue(0, Serializer.standard());
    }

    /**
     * Creates a joinable queue that holds at most {@code bound} elements: Python's
     * {@code JoinableQueue(maxsize)}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @throws IllegalArgumentException if {@code bound} is negative
     */
    default <E> JoinableProcessQueue<E> joinableQueue(int bound) {
        return joinableQueue(bound, Serializer.standard());
    }

    /**
     * Creates a joinable queue whose elements go through {@code serializer}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @throws IllegalArgumentException if {@code bound} is negative
     */
    <E> JoinableProcessQueue<E> joinableQueue(int bound, Serializer serializer);

    /**
     * Creates a simple queue shared by processes: Python's {@code SimpleQueue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    default <E> SimpleProcessQueue<E> simpleQueue() {
        return simpleQueue(Serializer.standard());
    }

    /**
     * Creates a simple queue whose elements go through {@code serializer}.
     *
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    <E> SimpleProcessQueue<E> simpleQueue(Serializer serializer);

    /**
     * Creates a named block of {@code size} zero bytes shared by processes, with a name made up
     * for it: Python's {@code SharedMemory(create=True, size=size)}. This process owns it: the
     * block is unlinked when this process exits, unless it was unlinked before.
     *
     * @param size its size in bytes, at least 1
     * @return this process's view of the new block
     * @throws IllegalArgumentException if {@code size} is less than 1
     * @throws UncheckedIOException if the block cannot be created
     * @throws UnsupportedOperationException if the backend's processes share no memory
     * @see SharedMemory
     */
    default SharedMemory sharedMemory(long size) {
        try {
            return sharedMemory(null, size, SharedMemory.Lifetime.CREATOR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a shared memory block of " + size + " bytes", e);
        }
    }

    /**
     * Creates a block of {@code size} zero bytes named {@code name}: Python's
     * {@code SharedMemory(name, create=True, size=size)}. This process owns it: the block is
     * unlinked when this process exits, unless it was unlinked before.
     *
     * @param name its name (see {@link SharedMemory} for what a name may be), or {@code null} for
     *     a name made up for it
     * @param size its size in bytes, at least 1
     * @return this process's view of the new block
     * @throws IllegalArgumentException if {@code size} is less than 1 or {@code name} cannot name
     *     a block
     * @throws java.nio.file.FileAlreadyExistsException if a block (or another file of the shared
     *     memory directory) has that name
     * @throws IOException if the block cannot be created for another reason
     * @throws UnsupportedOperationException if the backend's processes share no memory
     */
    default SharedMemory sharedMemory(String name, long size) throws IOException {
        return sharedMemory(name, size, SharedMemory.Lifetime.CREATOR);
    }

    /**
     * Creates a block of {@code size} zero bytes named {@code name}, which lives as
     * {@code lifetime} says if no process unlinks it: {@link SharedMemory.Lifetime#UNTIL_UNLINKED}
     * for a block that outlives this process.
     *
     * @param name its name, or {@code null} for a name made up for it
     * @param size its size in bytes, at least 1
     * @param lifetime how long it lives if nobody unlinks it
     * @return this process's view of the new block
     * @throws IllegalArgumentException if {@code size} is less than 1 or {@code name} cannot name
     *     a block
     * @throws java.nio.file.FileAlreadyExistsException if a block has that name
     * @throws IOException if the block cannot be created for another reason
     * @throws UnsupportedOperationException if the backend's processes share no memory
     */
    SharedMemory sharedMemory(String name, long size, SharedMemory.Lifetime lifetime) throws IOException;

    /**
     * Attaches the block named {@code name}, made by any process of the machine, this library's or
     * CPython's: Python's {@code SharedMemory(name)}. This process does not own the block: it never
     * unlinks it unless asked to.
     *
     * @param name the block's name, with or without a leading slash
     * @return a new view of the block, of its whole size
     * @throws IllegalArgumentException if {@code name} cannot name a block
     * @throws java.nio.file.NoSuchFileException if there is no block of that name
     * @throws IOException if the block cannot be attached for another reason
     * @throws UnsupportedOperationException if the backend's processes share no memory
     */
    SharedMemory attachSharedMemory(String name) throws IOException;

    /**
     * Creates a list of {@code items} in a new named block, with a name made up for it: Python's
     * {@code ShareableList(items)}. Each item's slot is sized from the item (see
     * {@link ShareableList} for what fits a slot). This process owns the block: it is unlinked when
     * this process exits, unless it was unlinked before.
     *
     * @param items the items: numbers, booleans, strings, byte arrays and {@code null}s
     * @return this process's view of the new list
     * @throws ClassCastException if an item is of another class
     * @throws UncheckedIOException if the block cannot be created
     * @throws UnsupportedOperationException if the backend's processes share no memory
     * @see ShareableList
     */
    default ShareableList shareableList(List<?> items) {
        return shareableList(items, 0);
    }

    /**
     * Creates a list of {@code items} in a new named block, with a name made up for it, whose
     * slots each hold at least {@code slotBytes} bytes, so that a string or byte array may grow to
     * that length: {@code shareableList(List.of("", "", ""), 64)} holds three strings of up to 64
     * bytes of UTF-8.
     *
     * @param items the items: numbers, booleans, strings, byte arrays and {@code null}s
     * @param slotBytes the least capacity of each slot in bytes; 0 for each sized from its item
     * @return this process's view of the new list
     * @throws ClassCastException if an item is of another class
     * @throws IllegalArgumentException if {@code slotBytes} is negative or a slot would hold more
     *     than 2 GiB - 16 bytes
     * @throws UncheckedIOException if the block cannot be created
     * @throws UnsupportedOperationException if the backend's processes share no memory
     */
    default ShareableList shareableList(List<?> items, int slotBytes) {
        try {
            return shareableList(null, items, slotBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a shareable list of " + items.size() + " items", e);
        }
    }

    /**
     * Creates a list of {@code items} in a new block named {@code name}: Python's
     * {@code ShareableList(items, name=name)}. This process owns the block.
     *
     * @param name the block's name (see {@link SharedMemory}), or {@code null} for a name made up
     *     for it
     * @param items the items: numbers, booleans, strings, byte arrays and {@code null}s
     * @param slotBytes the least capacity of each slot in bytes; 0 for each sized from its item
     * @return this process's view of the new list
     * @throws ClassCastException if an item is of another class
     * @throws IllegalArgumentException if {@code slotBytes} is negative, a slot would hold more
     *     than 2 GiB - 16 bytes, or {@code name} cannot name a block
     * @throws java.nio.file.FileAlreadyExistsException if a block has that name
     * @throws IOException if the block cannot be created for another reason
     * @throws UnsupportedOperationException if the backend's processes share no memory
     */
    ShareableList shareableList(String name, List<?> items, int slotBytes) throws IOException;

    /**
     * Attaches the list in the block named {@code name}, made by this library in any process of
     * the machine: Python's {@code ShareableList(name=name)}. This process does not own the block.
     *
     * @param name the block's name, with or without a leading slash
     * @return a new view of the list
     * @throws IllegalArgumentException if {@code name} cannot name a block, or the block is not a
     *     list of this library's
     * @throws java.nio.file.NoSuchFileException if there is no block of that name
     * @throws IOException if the block cannot be attached for another reason
     * @throws UnsupportedOperationException if the backend's processes share no memory
     */
    ShareableList attachShareableList(String name) throws IOException;

    /**
     * Creates an {@code int} shared by processes, with a lock of its own: Python's
     * {@code Value('i', initial)}. Its {@linkplain SharedValue#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param initial its value
     * @return the new value
     */
    default SharedInt sharedInt(int initial) {
        return sharedInt(initial, reentrantLock());
    }

    /**
     * Creates an {@code int} shared by processes, guarded by {@code lock}: Python's
     * {@code Value('i', initial, lock=lock)}.
     *
     * @param initial its value
     * @param lock its lock, of this context; one lock may guard several values
     * @return the new value
     */
    SharedInt sharedInt(int initial, RobustLock lock);

    /**
     * Creates an {@code int} shared by processes, without a lock: Python's
     * {@code RawValue('i', initial)}. Its {@link SharedValue#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param initial its value
     * @return the new value
     */
    SharedInt rawSharedInt(int initial);

    /**
     * Creates a {@code long} shared by processes, with a lock of its own: Python's
     * {@code Value('q', initial)}. Its {@linkplain SharedValue#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param initial its value
     * @return the new value
     */
    default SharedLong sharedLong(long initial) {
        return sharedLong(initial, reentrantLock());
    }

    /**
     * Creates a {@code long} shared by processes, guarded by {@code lock}: Python's
     * {@code Value('q', initial, lock=lock)}.
     *
     * @param initial its value
     * @param lock its lock, of this context; one lock may guard several values
     * @return the new value
     */
    SharedLong sharedLong(long initial, RobustLock lock);

    /**
     * Creates a {@code long} shared by processes, without a lock: Python's
     * {@code RawValue('q', initial)}. Its {@link SharedValue#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param initial its value
     * @return the new value
     */
    SharedLong rawSharedLong(long initial);

    /**
     * Creates a {@code double} shared by processes, with a lock of its own: Python's
     * {@code Value('d', initial)}. Its {@linkplain SharedValue#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param initial its value
     * @return the new value
     */
    default SharedDouble sharedDouble(double initial) {
        return sharedDouble(initial, reentrantLock());
    }

    /**
     * Creates a {@code double} shared by processes, guarded by {@code lock}: Python's
     * {@code Value('d', initial, lock=lock)}.
     *
     * @param initial its value
     * @param lock its lock, of this context; one lock may guard several values
     * @return the new value
     */
    SharedDouble sharedDouble(double initial, RobustLock lock);

    /**
     * Creates a {@code double} shared by processes, without a lock: Python's
     * {@code RawValue('d', initial)}. Its {@link SharedValue#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param initial its value
     * @return the new value
     */
    SharedDouble rawSharedDouble(double initial);

    /**
     * Creates a {@code boolean} shared by processes, with a lock of its own: Python's
     * {@code Value(ctypes.c_bool, initial)}. Its {@linkplain SharedValue#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param initial its value
     * @return the new value
     */
    default SharedBoolean sharedBoolean(boolean initial) {
        return sharedBoolean(initial, reentrantLock());
    }

    /**
     * Creates a {@code boolean} shared by processes, guarded by {@code lock}: Python's
     * {@code Value(ctypes.c_bool, initial, lock=lock)}.
     *
     * @param initial its value
     * @param lock its lock, of this context; one lock may guard several values
     * @return the new value
     */
    SharedBoolean sharedBoolean(boolean initial, RobustLock lock);

    /**
     * Creates a {@code boolean} shared by processes, without a lock: Python's
     * {@code RawValue(ctypes.c_bool, initial)}. Its {@link SharedValue#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param initial its value
     * @return the new value
     */
    SharedBoolean rawSharedBoolean(boolean initial);

    /**
     * Creates a string shared by processes, of at most {@code capacity} bytes of UTF-8, with a lock
     * of its own: Python's {@code Array('c', capacity)} and its {@code value}. Its
     * {@linkplain SharedValue#lock() lock} is a new {@link ProcessReentrantLock}.
     *
     * @param capacity the most bytes its UTF-8 encoding may take, at least 0
     * @param initial its value
     * @return the new string
     * @throws IllegalArgumentException if {@code capacity} is negative or beyond what the backend
     *     maps (the local one: 512 MiB), or the UTF-8 encoding of {@code initial} is longer
     *     than {@code capacity}
     */
    default SharedString sharedString(int capacity, String initial) {
        return sharedString(capacity, initial, reentrantLock());
    }

    /**
     * Creates a string shared by processes, of at most {@code capacity} bytes of UTF-8, guarded by
     * {@code lock}: Python's {@code Array('c', capacity, lock=lock)}.
     *
     * @param capacity the most bytes its UTF-8 encoding may take, at least 0
     * @param initial its value
     * @param lock its lock, of this context; one lock may guard several values
     * @return the new string
     * @throws IllegalArgumentException if {@code capacity} is negative or beyond what the backend
     *     maps (the local one: 512 MiB), or the UTF-8 encoding of {@code initial} is longer
     *     than {@code capacity}
     */
    SharedString sharedString(int capacity, String initial, RobustLock lock);

    /**
     * Creates a string shared by processes, of at most {@code capacity} bytes of UTF-8, without a
     * lock: Python's {@code RawArray('c', capacity)}. Its {@link SharedValue#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param capacity the most bytes its UTF-8 encoding may take, at least 0
     * @param initial its value
     * @return the new string
     * @throws IllegalArgumentException if {@code capacity} is negative or beyond what the backend
     *     maps (the local one: 512 MiB), or the UTF-8 encoding of {@code initial} is longer
     *     than {@code capacity}
     */
    SharedString rawSharedString(int capacity, String initial);

    /**
     * Creates an array of {@code length} {@code int}s shared by processes, all 0, with a lock of its own:
     * Python's {@code Array('i', length)}. Its {@linkplain SharedArray#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    default SharedIntArray sharedIntArray(int length) {
        return sharedIntArray(length, reentrantLock());
    }

    /**
     * Creates an array of {@code length} {@code int}s shared by processes, all 0, guarded by
     * {@code lock}: Python's {@code Array('i', length, lock=lock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of this context; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedIntArray sharedIntArray(int length, RobustLock lock);

    /**
     * Creates an array of {@code length} {@code int}s shared by processes, all 0, without a lock:
     * Python's {@code RawArray('i', length)}. Its {@link SharedArray#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedIntArray rawSharedIntArray(int length);

    /**
     * Creates an array of {@code length} {@code long}s shared by processes, all 0, with a lock of its own:
     * Python's {@code Array('q', length)}. Its {@linkplain SharedArray#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    default SharedLongArray sharedLongArray(int length) {
        return sharedLongArray(length, reentrantLock());
    }

    /**
     * Creates an array of {@code length} {@code long}s shared by processes, all 0, guarded by
     * {@code lock}: Python's {@code Array('q', length, lock=lock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of this context; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedLongArray sharedLongArray(int length, RobustLock lock);

    /**
     * Creates an array of {@code length} {@code long}s shared by processes, all 0, without a lock:
     * Python's {@code RawArray('q', length)}. Its {@link SharedArray#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedLongArray rawSharedLongArray(int length);

    /**
     * Creates an array of {@code length} {@code double}s shared by processes, all 0, with a lock of its own:
     * Python's {@code Array('d', length)}. Its {@linkplain SharedArray#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    default SharedDoubleArray sharedDoubleArray(int length) {
        return sharedDoubleArray(length, reentrantLock());
    }

    /**
     * Creates an array of {@code length} {@code double}s shared by processes, all 0, guarded by
     * {@code lock}: Python's {@code Array('d', length, lock=lock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of this context; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedDoubleArray sharedDoubleArray(int length, RobustLock lock);

    /**
     * Creates an array of {@code length} {@code double}s shared by processes, all 0, without a lock:
     * Python's {@code RawArray('d', length)}. Its {@link SharedArray#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedDoubleArray rawSharedDoubleArray(int length);

    /**
     * Creates an array of {@code length} bytes shared by processes, all 0, with a lock of its own:
     * Python's {@code Array('b', length)}. Its {@linkplain SharedArray#lock() lock} is a new
     * {@link ProcessReentrantLock}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    default SharedByteArray sharedByteArray(int length) {
        return sharedByteArray(length, reentrantLock());
    }

    /**
     * Creates an array of {@code length} bytes shared by processes, all 0, guarded by
     * {@code lock}: Python's {@code Array('b', length, lock=lock)}.
     *
     * @param length its length, at least 0
     * @param lock its lock, of this context; one lock may guard several arrays and values
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedByteArray sharedByteArray(int length, RobustLock lock);

    /**
     * Creates an array of {@code length} bytes shared by processes, all 0, without a lock:
     * Python's {@code RawArray('b', length)}. Its {@link SharedArray#lock()} throws
     * {@link UnsupportedOperationException}.
     *
     * @param length its length, at least 0
     * @return the new array
     * @throws IllegalArgumentException if {@code length} is negative or beyond what the backend
     *     maps (see {@link SharedArray})
     */
    SharedByteArray rawSharedByteArray(int length);

    /**
     * Starts a {@link Manager}: a server process of this context that owns shared objects, Python's
     * {@code Manager()}. It serves this process and the processes it starts.
     *
     * @return the manager, its server ready
     * @throws ManagerUnavailableException if the server fails to start
     */
    default Manager manager() {
        return manager(new ManagerOptions());
    }

    /**
     * Starts a {@link Manager} with options: types of the application's own, a socket for other
     * programs, a key.
     *
     * @param options the options
     * @return the manager, its server ready
     * @throws ManagerUnavailableException if the server fails to start, or cannot listen where asked
     */
    default Manager manager(ManagerOptions options) {
        return org.multiprocessing4j.internal.manager.ManagerLink.start(this, options.settings());
    }

    /**
     * A pool of {@link #cpuCount()} worker processes of this context: Python's {@code Pool()}.
     *
     * @return the pool, its workers started
     * @see ProcessPool#builder()
     */
    default ProcessPool pool() {
        return ProcessPool.builder().context(this).build();
    }

    /**
     * A pool of {@code processes} worker processes of this context: Python's
     * {@code Pool(processes)}.
     *
     * @param processes how many workers, at least 1
     * @return the pool, its workers started
     */
    default ProcessPool pool(int processes) {
        return ProcessPool.builder().context(this).processes(processes).build();
    }
}
