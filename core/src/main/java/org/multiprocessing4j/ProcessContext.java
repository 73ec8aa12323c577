package org.multiprocessing4j;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.multiprocessing4j.function.SerializableBiConsumer;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.launch.LocalContext;
import org.multiprocessing4j.internal.serial.ObjectCodec;
import org.multiprocessing4j.internal.sync.RobustMutex;
import org.multiprocessing4j.internal.sync.SharedBarrier;
import org.multiprocessing4j.internal.sync.SharedEvent;
import org.multiprocessing4j.internal.sync.SharedSemaphore;
import org.multiprocessing4j.spi.Serializer;

/**
 * A way of running processes, and the factory of everything they share: Python's
 * {@code multiprocessing} context. {@link Multiprocessing} is a facade over {@link #local()}; a
 * program that should later run on a cluster takes a {@code ProcessContext} instead, so only the
 * line that chooses the context changes.
 *
 * <p>The synchronization primitives ({@link #lock()}, {@link #semaphore(int)}, {@link #event()},
 * ...) live in shared memory of this machine and are created by the process that calls the
 * factory; a context that runs processes elsewhere overrides these methods.
 */
public interface ProcessContext {

    /**
     * The context that runs children as JVMs on this machine.
     *
     * @return the local context of this JVM
     */
    static ProcessContext local() {
        return LocalContext.instance();
    }

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
     * The number of processors available to this JVM, as {@link Runtime#availableProcessors()}
     * (which, unlike Python's {@code os.cpu_count()}, honours CPU affinity and container limits).
     *
     * @return at least 1
     */
    default int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Creates a lock shared by processes: Python's {@code Lock()}.
     *
     * @return a new, free lock
     */
    default ProcessLock lock() {
        return new ProcessLock(RobustMutex.create(false));
    }

    /**
     * Creates a reentrant lock shared by processes: Python's {@code RLock()}.
     *
     * @return a new, free lock
     */
    default ProcessReentrantLock reentrantLock() {
        return new ProcessReentrantLock(RobustMutex.create(true));
    }

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
    default ProcessSemaphore semaphore(int permits) {
        return new ProcessSemaphore(SharedSemaphore.create(permits, false));
    }

    /**
     * Creates a bounded semaphore shared by processes: Python's {@code BoundedSemaphore(permits)},
     * which refuses to hold more than {@code permits} permits.
     *
     * @param permits the permits it starts with and its bound, at least 1
     * @return a new semaphore
     * @throws IllegalArgumentException if {@code permits} is less than 1
     */
    default ProcessSemaphore boundedSemaphore(int permits) {
        return new ProcessSemaphore(SharedSemaphore.create(permits, true));
    }

    /**
     * Creates an event shared by processes: Python's {@code Event()}.
     *
     * @return a new, clear event
     */
    default ProcessEvent event() {
        return new ProcessEvent(SharedEvent.create());
    }

    /**
     * Creates a barrier shared by processes: Python's {@code Barrier(parties)}.
     *
     * @param parties how many must arrive for it to trip, 1 to 32767
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is out of range
     */
    default ProcessBarrier barrier(int parties) {
        return new ProcessBarrier(SharedBarrier.create(parties), null);
    }

    /**
     * Creates a barrier shared by processes with an action: Python's
     * {@code Barrier(parties, action)}. The last party to arrive in each generation runs the
     * action, in its own process, before the others are released.
     *
     * @param parties how many must arrive for it to trip, 1 to 32767
     * @param action what the last party runs; serialized with the barrier
     * @return a new barrier
     * @throws IllegalArgumentException if {@code parties} is out of range
     */
    default ProcessBarrier barrier(int parties, SerializableRunnable action) {
        return new ProcessBarrier(SharedBarrier.create(parties), Objects.requireNonNull(action, "action"));
    }

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
    default Pipe pipe(boolean duplex, Serializer serializer) {
        ObjectCodec codec = ObjectCodec.of(serializer);
        MessageRing toLeft = MessageRing.create(MessageRing.DEFAULT_CAPACITY, 0);
        toLeft.claimWriting();
        if (!duplex) {
            return new Pipe(new PipeEnd(toLeft, null, codec), new PipeEnd(null, toLeft, codec));
        }
        MessageRing toRight = MessageRing.create(MessageRing.DEFAULT_CAPACITY, 0);
        toRight.claimWriting();
        return new Pipe(new PipeEnd(toLeft, toRight, codec), new PipeEnd(toRight, toLeft, codec));
    }

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
    default <E> ProcessQueue<E> queue(int bound, Serializer serializer) {
        return new ProcessQueue<>(MessageRing.create(MessageRing.DEFAULT_CAPACITY, checkBound(bound)),
                ObjectCodec.of(serializer));
    }

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
     * Creates a joinable queue that holds at most {@code bound} elements, which go through
     * {@code serializer}: Python's {@code JoinableQueue(maxsize)}.
     *
     * @param bound the most elements it holds; 0 for no bound
     * @param serializer how elements are sent
     * @param <E> the type of the elements
     * @return a new, empty queue
     * @throws IllegalArgumentException if {@code bound} is negative
     */
    default <E> JoinableProcessQueue<E> joinableQueue(int bound, Serializer serializer) {
        return new JoinableProcessQueue<>(MessageRing.create(MessageRing.DEFAULT_CAPACITY, checkBound(bound)),
                ObjectCodec.of(serializer));
    }

    /**
     * Creates a simple queue shared by processes: Python's {@code SimpleQueue()}.
     *
     * @param <E> the type of the elements
     * @return a new, empty queue
     */
    default <E> SimpleProcessQueue<E> simpleQueue() {
        return new SimpleProcessQueue<>(MessageRing.create(MessageRing.DEFAULT_CAPACITY, 0),
                ObjectCodec.of(Serializer.standard()));
    }

    private static int checkBound(int bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("a queue's bound must be 0 (none) or positive: " + bound);
        }
        return bound;
    }
}
