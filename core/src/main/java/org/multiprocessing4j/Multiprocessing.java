package org.multiprocessing4j;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.multiprocessing4j.function.SerializableBiConsumer;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.launch.LocalContext;
import org.multiprocessing4j.spi.Serializer;

/**
 * The entry point: Python's {@code multiprocessing} module as static methods over the
 * {@linkplain ProcessContext#local() local context}.
 *
 * <pre>{@code
 * ChildProcess p = Multiprocessing.process(() -> System.out.println("hello from a child JVM"));
 * p.start();
 * p.join();
 * }</pre>
 *
 * <p>No {@code main} guard is needed: a child runs only its target, never the parent's
 * {@code main}.
 */
public final class Multiprocessing {

    private Multiprocessing() {
    }

    /**
     * Creates a child process, not yet started, that will run {@code target}.
     *
     * @param target what the child runs
     * @return the child
     * @see ProcessContext#process(SerializableRunnable)
     */
    public static ChildProcess process(SerializableRunnable target) {
        return ProcessContext.local().process(target);
    }

    /**
     * Creates a child process that will run {@code target} with one argument.
     *
     * @param target what the child runs
     * @param argument the argument
     * @param <A> the argument's type
     * @return the child
     * @see ProcessContext#process(SerializableConsumer, Object)
     */
    public static <A> ChildProcess process(SerializableConsumer<A> target, A argument) {
        return ProcessContext.local().process(target, argument);
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
        return ProcessContext.local().process(target, first, second);
    }

    /**
     * The process this code runs in: {@code MainProcess} in the program's first JVM, the child's own
     * name and pid inside a child.
     *
     * @return the current process
     */
    public static ProcessIdentity currentProcess() {
        return ProcessContext.local().currentProcess();
    }

    /**
     * The process that started this one.
     *
     * @return the parent, or empty in the program's first JVM
     */
    public static Optional<ProcessIdentity> parentProcess() {
        return ProcessContext.local().parentProcess();
    }

    /**
     * The children of the current process that are running.
     *
     * @return a snapshot, in start order
     */
    public static List<ChildProcess> activeChildren() {
        return ProcessContext.local().activeChildren();
    }

    /**
     * Chooses how this process starts its children from now on; children already started are not
     * affected. The default is {@link StartMethod#WARM}, or the value of the system property
     * {@code multiprocessing4j.startMethod} ({@code warm} or {@code cold}).
     *
     * @param method the start method
     */
    public static void setStartMethod(StartMethod method) {
        LocalContext.instance().setStartMethod(method);
    }

    /**
     * How this process starts its children.
     *
     * @return the start method
     */
    public static StartMethod startMethod() {
        return LocalContext.instance().startMethod();
    }

    /**
     * Sets how many idle JVMs the {@link StartMethod#WARM warm} start method keeps ready, and the
     * extra JVM options they are started with. Only a child whose {@link ChildProcess#jvmOptions}
     * are exactly these options (none, by default) takes a spare. The default is one spare without
     * options, or the number in the system property {@code multiprocessing4j.spares}. Spares are
     * launched when the first child starts, or by {@link #prestartSpares}; each idle spare is a JVM
     * of its own (see {@code benchmarks/RESULTS.md} for its memory).
     *
     * @param count the number of spares, at least 0 (0 makes every start cold)
     * @param jvmOptions the spares' extra JVM options
     * @throws IllegalArgumentException if {@code count} is negative or an option is blank
     */
    public static void setSpares(int count, String... jvmOptions) {
        LocalContext.instance().setSpares(count, List.of(jvmOptions));
    }

    /**
     * Launches the spares now rather than at the first start, and waits until they are ready: for a
     * program that wants even its first children to start warm.
     *
     * @param timeout the longest time to wait
     * @return whether every spare is ready
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static boolean prestartSpares(Duration timeout) throws InterruptedException {
        return LocalContext.instance().prestartSpares(timeout);
    }

    /**
     * The number of processors available to this JVM.
     *
     * @return at least 1
     */
    public static int cpuCount() {
        return ProcessContext.local().cpuCount();
    }

    /**
     * Creates a lock shared by processes: Python's {@code Lock()}.
     *
     * @return a new, free lock
     * @see ProcessContext#lock()
     */
    public static ProcessLock lock() {
        return ProcessContext.local().lock();
    }

    /**
     * Creates a reentrant lock shared by processes: Python's {@code RLock()}.
     *
     * @return a new, free lock
     * @see ProcessContext#reentrantLock()
     */
    public static ProcessReentrantLock reentrantLock() {
        return ProcessContext.local().reentrantLock();
    }

    /**
     * Creates a condition variable of {@code lock}: Python's {@code Condition(lock)}.
     *
     * @param lock the lock that waiters and signallers hold
     * @return a new condition
     * @see ProcessContext#condition(RobustLock)
     */
    public static ProcessCondition condition(RobustLock lock) {
        return ProcessContext.local().condition(lock);
    }

    /**
     * Creates a semaphore shared by processes: Python's {@code Semaphore(permits)}.
     *
     * @param permits the permits it starts with, at least 0
     * @return a new semaphore
     * @see ProcessContext#semaphore(int)
     */
    public static ProcessSemaphore semaphore(int permits) {
        return ProcessContext.local().semaphore(permits);
    }

    /**
     * Creates a bounded semaphore shared by processes: Python's {@code BoundedSemaphore(permits)}.
     *
     * @param permits the permits it starts with and its bound, at least 1
     * @return a new semaphore
     * @see ProcessContext#boundedSemaphore(int)
     */
    public static ProcessSemaphore boundedSemaphore(int permits) {
        return ProcessContext.local().boundedSemaphore(permits);
    }

    /**
     * Creates an event shared by processes: Python's {@code Event()}.
     *
     * @return a new, clear event
     * @see ProcessContext#event()
     */
    public static ProcessEvent event() {
        return ProcessContext.local().event();
    }

    /**
     * Creates a barrier shared by processes: Python's {@code Barrier(parties)}.
     *
     * @param parties how many must arrive for it to trip
     * @return a new barrier
     * @see ProcessContext#barrier(int)
     */
    public static ProcessBarrier barrier(int parties) {
        return ProcessContext.local().barrier(parties);
    }

    /**
     * Creates a barrier shared by processes whose last party runs {@code action} in each
     * generation: Python's {@code Barrier(parties, action)}.
     *
     * @param parties how many must arrive for it to trip
     * @param action what the last party runs
     * @return a new barrier
     * @see ProcessContext#barrier(int, SerializableRunnable)
     */
    public static ProcessBarrier barrier(int parties, SerializableRunnable action) {
        return ProcessContext.local().barrier(parties, action);
    }

    /**
     * Creates a duplex pipe: Python's {@code Pipe()}.
     *
     * @return the two ends
     * @see ProcessContext#pipe()
     */
    public static Pipe pipe() {
        return ProcessContext.local().pipe();
    }

    /**
     * Creates a pipe, one-way unless {@code duplex}: Python's {@code Pipe(duplex)}.
     *
     * @param duplex whether messages go both ways
     * @return the two ends
     * @see ProcessContext#pipe(boolean)
     */
    public static Pipe pipe(boolean duplex) {
        return ProcessContext.local().pipe(duplex);
    }

    /**
     * Creates an unbounded queue shared by processes: Python's {@code Queue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @see ProcessContext#queue()
     */
    public static <E> ProcessQueue<E> queue() {
        return ProcessContext.local().queue();
    }

    /**
     * Creates a queue holding at most {@code bound} elements: Python's {@code Queue(maxsize)}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @see ProcessContext#queue(int)
     */
    public static <E> ProcessQueue<E> queue(int bound) {
        return ProcessContext.local().queue(bound);
    }

    /**
     * Creates a queue whose elements go through {@code serializer}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @see ProcessContext#queue(int, Serializer)
     */
    public static <E> ProcessQueue<E> queue(int bound, Serializer serializer) {
        return ProcessContext.local().queue(bound, serializer);
    }

    /**
     * Creates a pipe whose objects go through {@code serializer}.
     *
     * @param duplex whether messages go both ways
     * @param serializer how objects are sent
     * @return the two ends
     * @see ProcessContext#pipe(boolean, Serializer)
     */
    public static Pipe pipe(boolean duplex, Serializer serializer) {
        return ProcessContext.local().pipe(duplex, serializer);
    }

    /**
     * Creates an unbounded joinable queue: Python's {@code JoinableQueue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @see ProcessContext#joinableQueue()
     */
    public static <E> JoinableProcessQueue<E> joinableQueue() {
        return ProcessContext.local().joinableQueue();
    }

    /**
     * Creates a joinable queue holding at most {@code bound} elements.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @see ProcessContext#joinableQueue(int, Serializer)
     */
    public static <E> JoinableProcessQueue<E> joinableQueue(int bound) {
        return ProcessContext.local().joinableQueue(bound, Serializer.standard());
    }

    /**
     * Creates a simple queue: Python's {@code SimpleQueue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @see ProcessContext#simpleQueue()
     */
    public static <E> SimpleProcessQueue<E> simpleQueue() {
        return ProcessContext.local().simpleQueue();
    }

    /**
     * A pool of {@link #cpuCount()} worker processes: Python's {@code Pool()}.
     *
     * @return the pool, its workers started
     * @see ProcessPool#builder()
     */
    public static ProcessPool pool() {
        return ProcessPool.builder().build();
    }

    /**
     * A pool of {@code processes} worker processes: Python's {@code Pool(processes)}.
     *
     * @param processes how many workers, at least 1
     * @return the pool, its workers started
     */
    public static ProcessPool pool(int processes) {
        return ProcessPool.builder().processes(processes).build();
    }
}
