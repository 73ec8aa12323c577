package org.multiprocessing4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.multiprocessing4j.function.SerializableBiFunction;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.function.SerializableFunction;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.function.SerializableUncheckedRunnable;
import org.multiprocessing4j.internal.pool.PoolCalls;
import org.multiprocessing4j.internal.pool.PoolEngine;
import org.multiprocessing4j.internal.pool.PoolSettings;
import org.multiprocessing4j.internal.pool.TaskFunctions;
import org.multiprocessing4j.spi.Serializer;

/**
 * A pool of worker processes: Python's {@code multiprocessing.Pool}, and an
 * {@link ExecutorService} for serializable tasks.
 *
 * <pre>{@code
 * try (ProcessPool pool = Multiprocessing.pool(3)) {
 *     System.out.println(pool.map(n -> n * n, List.of(5, 10, 20)));   // [25, 100, 400]
 * }
 * }</pre>
 *
 * <h2>Tasks</h2>
 * Functions, tasks and their arguments are serialized in the calling thread, so one that cannot be
 * fails there, with an {@link UnserializableObjectException} naming its class, before anything is
 * sent; results come back serialized by the worker. The {@link ExecutorService} methods take any
 * {@link Callable} or {@link Runnable}, which must be serializable. A lambda or method reference
 * written in the call is: {@code pool.submit(() -> ...)} and {@code pool.execute(() -> ...)} take
 * it as a {@link SerializableCallable} when it returns a value and as a
 * {@link SerializableUncheckedRunnable} when it does not. One made elsewhere as a plain
 * {@code Runnable} or {@code Callable} is not, and fails with an
 * {@link UnserializableObjectException} that says so.
 *
 * <h2>Failures</h2>
 * A task's exception reaches the caller with its original type (when the class is loadable here)
 * and the worker's stack trace: as the cause of an {@link ExecutionException} from a future's
 * {@code get}, or of the {@link CompletionException} that {@link #map}, {@link #starmap},
 * {@link #apply} and the {@code imap} streams throw. Beyond Python:
 * <ul>
 *   <li>A worker that dies (killed, crashed, {@code System.exit} in a task) never hangs the pool:
 *       the task it was running fails with a {@link WorkerDiedException} naming the worker and its
 *       exit code, or runs again if {@linkplain Builder#retries retries} were asked for; the tasks
 *       queued behind it go to other workers; a new worker takes its place.</li>
 *   <li>A {@linkplain Builder#taskTimeout task timeout} kills the worker of a task that runs too
 *       long; the task fails with a {@link java.util.concurrent.TimeoutException}.</li>
 *   <li>Cancelling a future with {@code mayInterruptIfRunning} kills the worker running it;
 *       interrupting a thread blocked in a call, or closing an {@code imap} stream early, cancels
 *       the call's work the same way.</li>
 * </ul>
 * By default a call fails at its first failed task and the pool stays usable
 * ({@link Builder#failFast}).
 *
 * <h2>With the JDK's combinators</h2>
 * {@link java.util.concurrent.ExecutorCompletionService} works:
 * {@code new ExecutorCompletionService<>(pool)} runs each task in a worker and queues its future
 * when the result arrives. {@link CompletableFuture}'s asynchronous methods with the pool as their
 * executor ({@code supplyAsync(supplier, pool)}, {@code runAsync}, {@code thenApplyAsync(function,
 * pool)} and the other {@code *Async} stages) do not: they hand the pool a task of their own whose
 * function it cannot reach, and a pool runs no task in this process, so it refuses them with a
 * {@link RejectedExecutionException} (thrown by {@code supplyAsync} and {@code runAsync}; the cause
 * of the failed stage for the others). The pool's own methods return {@code CompletableFuture}s to
 * compose instead:
 * <pre>{@code
 * pool.submit(() -> load(path))                                   // for supplyAsync(..., pool)
 *         .thenCompose(data -> pool.applyAsync(Model::score, data)); // for thenApplyAsync(..., pool)
 * }</pre>
 * Stages added without an executor ({@code thenApply}) run in this process, as for any
 * {@code CompletableFuture}.
 *
 * <h2>Python's names</h2>
 * {@code close()} is {@link #shutdown()}, {@code join()} is {@link #join()}, {@code terminate()}
 * is {@link #terminate()}. Leaving a try-with-resources block calls {@link #close()}, which, as
 * for every {@code ExecutorService}, waits for the work submitted (Python's {@code with} block
 * terminates instead).
 *
 * <h2>Results and threads</h2>
 * Futures are completed, and {@code applyAsync} callbacks run, on the pool's reader threads:
 * like Python's callbacks, they should be quick, and must not wait for other work of the same
 * pool. Workers are daemon processes named {@code PoolWorker-N}; none outlives the pool's
 * process.
 */
public final class ProcessPool extends AbstractExecutorService implements AutoCloseable {

    private final PoolEngine engine;
    private final PoolCalls calls;

    private ProcessPool(PoolSettings settings) {
        this.engine = new PoolEngine(settings);
        this.calls = new PoolCalls(engine);
    }

    /**
     * A builder of pools with options beyond the number of workers.
     *
     * @return a builder with every option at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of worker processes. */
    public int processes() {
        return engine.processes();
    }

    // ------------------------------------------------------------------ map

    /**
     * Applies {@code function} to every item and waits for the results: Python's {@code map}.
     * Items go to the workers in chunks of Python's default size (about a quarter of an even
     * share per worker).
     *
     * @param function the function
     * @param items the inputs, read at once
     * @return the results, in the order of {@code items}; unmodifiable
     * @throws CompletionException if a task failed; its cause is the task's failure
     * @throws CancellationException if the calling thread was interrupted (its interrupt status is
     *     set and the work is stopped) or the pool was terminated
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> items) {
        return PoolCalls.await(mapAsync(function, items));
    }

    /**
     * Like {@link #map(SerializableFunction, Iterable)}, in chunks of {@code chunkSize} items.
     *
     * @param chunkSize items per message to a worker; at least 1
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> items,
            int chunkSize) {
        return PoolCalls.await(mapAsync(function, items, chunkSize));
    }

    /**
     * Starts a {@link #map}: Python's {@code map_async}.
     *
     * @return the future of the results; cancelling it stops the work
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> function,
            Iterable<? extends T> items) {
        List<?> all = PoolCalls.list(items);
        return calls.map(function, all, PoolCalls.defaultChunkSize(all.size(), processes()));
    }

    /** Starts a {@link #map(SerializableFunction, Iterable, int)}. */
    public <T, R> CompletableFuture<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> function,
            Iterable<? extends T> items, int chunkSize) {
        return calls.map(function, PoolCalls.list(items), PoolCalls.checkChunk(chunkSize));
    }

    /**
     * Applies {@code function} to each pair's key and value: Python's {@code starmap} for
     * two arguments (more go in a record, with {@link #map}).
     *
     * @return the results, in the order of {@code pairs}
     * @throws CompletionException if a task failed
     * @throws CancellationException as {@link #map}
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> function,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        return PoolCalls.await(starmapAsync(function, pairs));
    }

    /** Starts a {@link #starmap}: Python's {@code starmap_async}. */
    public <A, B, R> CompletableFuture<List<R>> starmapAsync(
            SerializableBiFunction<? super A, ? super B, ? extends R> function,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
        List<List<Object>> arguments = new ArrayList<>();
        for (Map.Entry<? extends A, ? extends B> pair : pairs) {
            arguments.add(Arrays.asList(pair.getKey(), pair.getValue()));
        }
        return calls.map(TaskFunctions.spread(function), arguments,
                PoolCalls.defaultChunkSize(arguments.size(), processes()));
    }

    // ------------------------------------------------------------------ imap

    /**
     * Applies {@code function} to every item, lazily: Python's {@code imap}. Nothing is read from
     * {@code items} by this call: the thread that consumes the stream takes items as it asks for
     * results, at most {@code 64 * processes()} chunks ahead of the results it has taken, so an
     * endless input works and memory stays bounded. Close the stream (or let it end) to stop the
     * work; a stream that is dropped early leaves only its tasks in flight to finish.
     *
     * <p>If the input throws (from {@code hasNext} or {@code next}), or an item cannot be
     * serialized, the stream yields every result of the items before it, then throws that
     * exception itself, not wrapped, and ends. Items not yet taken when the pool is shut down are
     * refused: the stream throws a {@link java.util.concurrent.RejectedExecutionException}.
     *
     * @param chunkSize items per message to a worker; Python's default is 1
     * @return the results in input order; a failed task's failure is thrown in its turn, as the
     *     cause of a {@link CompletionException}
     * @throws java.util.concurrent.RejectedExecutionException if the pool is shut down
     */
    public <T, R> Stream<R> imap(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> items,
            int chunkSize) {
        return calls.imap(function, items.iterator(), PoolCalls.checkChunk(chunkSize), true);
    }

    /** {@link #imap(SerializableFunction, Iterable, int)} with chunks of 1. */
    public <T, R> Stream<R> imap(SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> items) {
        return imap(function, items, 1);
    }

    /** {@link #imap(SerializableFunction, Iterable, int)} over a stream, read lazily. */
    public <T, R> Stream<R> imap(SerializableFunction<? super T, ? extends R> function, Stream<? extends T> items,
            int chunkSize) {
        return calls.<R>imap(function, items.iterator(), PoolCalls.checkChunk(chunkSize), true).onClose(items::close);
    }

    /** {@link #imap(SerializableFunction, Stream, int)} with chunks of 1. */
    public <T, R> Stream<R> imap(SerializableFunction<? super T, ? extends R> function, Stream<? extends T> items) {
        return imap(function, items, 1);
    }

    /**
     * Like {@link #imap(SerializableFunction, Iterable, int)}, with results in the order they
     * complete: Python's {@code imap_unordered}. An exception of the input comes after the results
     * of every item before it.
     */
    public <T, R> Stream<R> imapUnordered(SerializableFunction<? super T, ? extends R> function,
            Iterable<? extends T> items, int chunkSize) {
        return calls.imap(function, items.iterator(), PoolCalls.checkChunk(chunkSize), false);
    }

    /** {@link #imapUnordered(SerializableFunction, Iterable, int)} with chunks of 1. */
    public <T, R> Stream<R> imapUnordered(SerializableFunction<? super T, ? extends R> function,
            Iterable<? extends T> items) {
        return imapUnordered(function, items, 1);
    }

    /** {@link #imapUnordered(SerializableFunction, Iterable, int)} over a stream, read lazily. */
    public <T, R> Stream<R> imapUnordered(SerializableFunction<? super T, ? extends R> function,
            Stream<? extends T> items, int chunkSize) {
        return calls.<R>imap(function, items.iterator(), PoolCalls.checkChunk(chunkSize), false).onClose(items::close);
    }

    /** {@link #imapUnordered(SerializableFunction, Stream, int)} with chunks of 1. */
    public <T, R> Stream<R> imapUnordered(SerializableFunction<? super T, ? extends R> function,
            Stream<? extends T> items) {
        return imapUnordered(function, items, 1);
    }

    // ------------------------------------------------------------------ apply

    /**
     * Runs {@code task} in a worker and waits for its result: Python's {@code apply}.
     *
     * @throws CompletionException if the task failed
     * @throws CancellationException as {@link #map}
     */
    public <R> R apply(SerializableCallable<? extends R> task) {
        return PoolCalls.await(applyAsync(task));
    }

    /** Applies {@code function} to {@code argument} in a worker and waits for the result. */
    public <T, R> R apply(SerializableFunction<? super T, ? extends R> function, T argument) {
        return PoolCalls.await(applyAsync(function, argument));
    }

    /**
     * Starts {@code task} in a worker: Python's {@code apply_async}.
     *
     * @return its future; cancelling it with {@code mayInterruptIfRunning} kills its worker
     */
    public <R> CompletableFuture<R> applyAsync(SerializableCallable<? extends R> task) {
        return calls.single(TaskFunctions.call(task), null, null);
    }

    /** Starts {@code function} on {@code argument} in a worker. */
    public <T, R> CompletableFuture<R> applyAsync(SerializableFunction<? super T, ? extends R> function, T argument) {
        return calls.single(function, argument, null);
    }

    /**
     * Starts {@code task} in a worker, with Python's callbacks: {@code callback} gets the result,
     * {@code errorCallback} the failure; either runs on a pool thread and should be quick.
     */
    public <R> CompletableFuture<R> applyAsync(SerializableCallable<? extends R> task, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback) {
        return PoolCalls.calledBack(() -> applyAsync(task), callback, errorCallback);
    }

    /**
     * Starts {@code function} on {@code argument} in a worker, with Python's callbacks, as
     * {@link #applyAsync(SerializableCallable, Consumer, Consumer)}.
     */
    public <T, R> CompletableFuture<R> applyAsync(SerializableFunction<? super T, ? extends R> function, T argument,
            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        return PoolCalls.calledBack(() -> applyAsync(function, argument), callback, errorCallback);
    }

    // ------------------------------------------------------------------ ExecutorService

    /**
     * Submits a task written as a lambda, which is then serializable.
     *
     * @return its future; cancelling it with {@code mayInterruptIfRunning} kills its worker
     */
    public <T> CompletableFuture<T> submit(SerializableCallable<T> task) {
        return calls.single(TaskFunctions.call(task), null, task);
    }

    /**
     * Submits a task without a result written as a lambda or method reference, which is then
     * serializable.
     *
     * @return its future, completed with {@code null}; cancelling it with
     *     {@code mayInterruptIfRunning} kills its worker
     */
    public CompletableFuture<?> submit(SerializableUncheckedRunnable task) {
        return submit((Runnable) task);
    }

    /**
     * Submits a task written as a lambda or method reference, which is then serializable.
     *
     * @param result the future's result, serializable: the worker returns a copy of it
     * @return its future; cancelling it with {@code mayInterruptIfRunning} kills its worker
     */
    public <T> CompletableFuture<T> submit(SerializableUncheckedRunnable task, T result) {
        return submit((Runnable) task, result);
    }

    /**
     * Runs a task written as a lambda or method reference, which is then serializable, as
     * {@link #execute(Runnable)} does.
     */
    public void execute(SerializableUncheckedRunnable task) {
        execute((Runnable) task);
    }

    /** {@inheritDoc} The task must be serializable. */
    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return calls.single(TaskFunctions.call(task), null, task);
    }

    /** {@inheritDoc} The task must be serializable. */
    @Override
    public CompletableFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    /**
     * {@inheritDoc} The task and {@code result} must be serializable; the future's result is what
     * the worker returns: a copy of {@code result}.
     */
    @Override
    public <T> CompletableFuture<T> submit(Runnable task, T result) {
        return calls.single(TaskFunctions.run(task, result), null, Executors.callable(task, result));
    }

    /**
     * {@inheritDoc} The task must be serializable. As nobody waits for it, its failure goes to the
     * uncaught exception handler of the pool thread that learns of it (by default, printed on
     * standard error), as an executing thread's would.
     *
     * @throws RejectedExecutionException if the pool is shut down, or if the task is one of
     *     {@link CompletableFuture}'s own ({@link CompletableFuture.AsynchronousCompletionTask}),
     *     whose function cannot be run in a worker: the message names the pool's methods to use
     * @throws UnserializableObjectException if the task cannot be serialized
     */
    @Override
    public void execute(Runnable task) {
        if (calls.runsAsWrapper(task)) {
            return;
        }
        if (task instanceof CompletableFuture.AsynchronousCompletionTask) {
            throw new RejectedExecutionException("a pool cannot run CompletableFuture's asynchronous stages:"
                    + " their function is out of its reach. Use the pool's own methods, which return"
                    + " CompletableFutures: pool.submit(() -> ...) or pool.applyAsync(function, argument) for"
                    + " supplyAsync and runAsync, stage.thenCompose(x -> pool.applyAsync(function, x)) for"
                    + " thenApplyAsync");
        }
        submit(task).whenComplete((ignored, failure) -> {
            if (failure != null && !(failure instanceof CancellationException)) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
            }
        });
    }

    /**
     * Submits {@code task} and returns its future as a {@link RunnableFuture}, whose {@code run()}
     * waits for the worker's result: for {@link java.util.concurrent.ExecutorCompletionService}.
     *
     * @throws UnserializableObjectException if the task cannot be serialized
     */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> task) {
        return calls.taskFor(submit(task));
    }

    /** As {@link #newTaskFor(Callable)}, for a task without a result of its own. */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable task, T result) {
        return calls.taskFor(submit(task, result));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return calls.invokeAll(tasks, Long.MAX_VALUE);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return calls.invokeAll(tasks, unit.toNanos(timeout));
    }

    /** {@link #invokeAll(Collection, long, TimeUnit)} with the timeout as a {@link Duration}. */
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, Duration timeout)
            throws InterruptedException {
        return calls.invokeAll(tasks, nanos(timeout));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return calls.invokeAny(tasks, Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no time limit was given", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return calls.invokeAny(tasks, unit.toNanos(timeout));
    }

    /** {@link #invokeAny(Collection, long, TimeUnit)} with the timeout as a {@link Duration}. */
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return calls.invokeAny(tasks, nanos(timeout));
    }

    /** Accepts no more work; the workers exit when the work submitted is done: Python's {@code close}. */
    @Override
    public void shutdown() {
        engine.shutdown();
    }

    /**
     * Stops at once: kills the workers; the work they were running and calls in progress fail with
     * a {@link CancellationException}. Tasks may already be on their way to a worker that has not
     * taken them yet, so this waits for the killed workers to exit (milliseconds) to know which
     * never started. Called on a pool thread (in a callback or a future's dependent action), it
     * does not wait for the worker whose answer that thread was handing out: the tasks sent to
     * that worker fail instead of being returned. The wait is capped at 10 seconds; a task whose
     * worker has not exited by then fails instead of being returned.
     *
     * <p>Only single tasks come back: the chunks of a {@code map} or {@code imap} that were read
     * from its input but not started fail with the call. A second call, or one made while the
     * first is still running, returns an empty list at once.
     *
     * @return every task given to {@code submit} or {@code execute} that never started, as
     *     runnables that run them here and complete their futures
     */
    @Override
    public List<Runnable> shutdownNow() {
        return engine.terminate();
    }

    /** Python's {@code terminate}: {@link #shutdownNow()}. */
    public void terminate() {
        engine.terminate();
    }

    /**
     * Waits until every worker has exited: Python's {@code join}.
     *
     * @throws IllegalStateException if the pool was not shut down or terminated first
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        join(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /**
     * Waits at most {@code timeout} until every worker has exited: Python's {@code join}, bounded.
     *
     * @return whether they have
     * @throws IllegalStateException if the pool was not shut down or terminated first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        if (!engine.isShutdown()) {
            throw new IllegalStateException("the pool is still running: shut it down or terminate it first");
        }
        return engine.awaitTermination(unit.toNanos(timeout));
    }

    /** {@link #join(long, TimeUnit)} with the timeout as a {@link Duration}. */
    public boolean join(Duration timeout) throws InterruptedException {
        return join(nanos(timeout), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isShutdown() {
        return engine.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return engine.awaitTermination(unit.toNanos(timeout));
    }

    /** {@link #awaitTermination(long, TimeUnit)} with the timeout as a {@link Duration}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return awaitTermination(nanos(timeout), TimeUnit.NANOSECONDS);
    }

    /** {@code timeout} in nanoseconds, saturated as {@link TimeUnit#convert(Duration)} does. */
    private static long nanos(Duration timeout) {
        return TimeUnit.NANOSECONDS.convert(timeout);
    }

    /**
     * Shuts down and waits until the work submitted is done and every worker has exited. If
     * interrupted while waiting, terminates the pool and keeps the interrupt status.
     */
    @Override
    public void close() {
        shutdown();
        try {
            engine.awaitTermination(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            terminate();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProcessPool[processes=" + processes() + (isTerminated() ? ", terminated" : isShutdown()
                ? ", shut down" : "") + "]";
    }

    /**
     * Options of a {@link ProcessPool}, Python's {@code Pool} arguments and more.
     *
     * <pre>{@code
     * ProcessPool pool = ProcessPool.builder()
     *         .processes(4)
     *         .initializer(Worker::loadModel, modelPath)
     *         .maxTasksPerChild(1000)
     *         .taskTimeout(Duration.ofMinutes(1))
     *         .progress(new ConsoleProgressBar())
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private ProcessContext context;
        private int processes;
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private Duration taskTimeout;
        private int retries;
        private boolean failFast = true;
        private Serializer serializer = Serializer.standard();
        private ProgressListener progress;
        private String[] jvmOptions = new String[0];

        private Builder() {
        }

        /**
         * How many workers; by default {@link ProcessContext#cpuCount()}.
         *
         * @param processes at least 1
         * @return this builder
         */
        public Builder processes(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("a pool needs at least one process: " + processes);
            }
            this.processes = processes;
            return this;
        }

        /**
         * What each worker runs once before its first task: Python's {@code initializer}. If it
         * throws, the pool's work fails with a {@link WorkerDiedException} caused by it, and the
         * pool shuts down.
         *
         * @param initializer the initializer
         * @return this builder
         */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * An initializer with an argument: Python's {@code initializer} and {@code initargs}.
         *
         * @param initializer the initializer
         * @param argument its argument, serializable
         * @return this builder
         */
        public <A> Builder initializer(org.multiprocessing4j.function.SerializableConsumer<A> initializer, A argument) {
            Objects.requireNonNull(initializer, "initializer");
            return initializer(() -> initializer.accept(argument));
        }

        /**
         * Replaces a worker after it has run this many messages of work: Python's
         * {@code maxtasksperchild}. As in Python, a chunk of a {@code map} counts as one.
         *
         * @param tasks at least 1; 0 (the default) keeps workers for the pool's life
         * @return this builder
         */
        public Builder maxTasksPerChild(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxTasksPerChild must be 0 (no limit) or positive: " + tasks);
            }
            this.maxTasksPerChild = tasks;
            return this;
        }

        /**
         * The longest a task may run: its worker is killed (and replaced) when it runs longer, and
         * the task fails with a {@link java.util.concurrent.TimeoutException}. A chunk of
         * {@code n} tasks may run {@code n} times as long. The time counts from when the worker
         * is free to start the task.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder taskTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a task timeout must be positive: " + timeout);
            }
            this.taskTimeout = timeout;
            return this;
        }

        /**
         * How many times a task whose worker died is run again before it fails with a
         * {@link WorkerDiedException}; 0 by default. Task exceptions and timeouts are not retried.
         *
         * @param retries 0 or more
         * @return this builder
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative: " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * Whether a call fails as soon as one of its tasks fails ({@code true}, the default: its
         * remaining work is dropped), or runs all its tasks and then fails with the first failure,
         * the others suppressed in it ({@code false}; an {@code imap} stream then goes on after a
         * failed item).
         *
         * @param failFast the choice
         * @return this builder
         */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /**
         * How functions, arguments and results are serialized; {@link Serializer#standard()} by
         * default.
         *
         * @param serializer a serializable serializer
         * @return this builder
         */
        public Builder serializer(Serializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /**
         * Who is told of progress, for example a {@link ConsoleProgressBar}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The context that starts the workers and makes their pipes; by default
         * {@link Multiprocessing#context()}.
         *
         * @param context the context
         * @return this builder
         */
        public Builder context(ProcessContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * JVM options of the workers (which then start cold, see {@link ChildProcess#jvmOptions}).
         *
         * @param options the options
         * @return this builder
         */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = options.clone();
            return this;
        }

        /**
         * Starts the workers.
         *
         * @return the pool
         * @throws UnserializableObjectException if the initializer cannot be serialized
         */
        public ProcessPool build() {
            ProcessContext chosen = context != null ? context : Multiprocessing.context();
            int count = processes > 0 ? processes : chosen.cpuCount();
            return new ProcessPool(new PoolSettings(chosen, count, initializer, maxTasksPerChild, taskTimeout,
                    retries, failFast, serializer, progress, jvmOptions.clone()));
        }
    }
}
