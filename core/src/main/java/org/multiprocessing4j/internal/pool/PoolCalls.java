package org.multiprocessing4j.internal.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The calls of {@link org.multiprocessing4j.ProcessPool}, typed loosely: what the public class
 * does besides documenting them.
 */
public final class PoolCalls {

    private final PoolEngine engine;
    /**
     * The task {@link #taskFor} made last on each thread, until {@link #runsAsWrapper} takes it:
     * {@code ExecutorCompletionService} calls {@code execute} with its wrapper at once.
     */
    private final ThreadLocal<SubmittedTask<?>> awaitingWrapper = new ThreadLocal<>();

    /**
     * The calls on {@code engine}.
     *
     * @param engine the pool's engine
     */
    public PoolCalls(PoolEngine engine) {
        this.engine = engine;
    }

    /** Starts a map of {@code function} over {@code arguments}. */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<List<R>> map(Object function, List<?> arguments, int chunkSize) {
        CompletableFuture<?> future = ListJob.start(engine, function, arguments, chunkSize);
        return (CompletableFuture<List<R>>) future;
    }

    /** Starts a lazy map of {@code function} over {@code input}. */
    @SuppressWarnings("unchecked")
    public <R> Stream<R> imap(Object function, Iterator<?> input, int chunkSize, boolean ordered) {
        return (Stream<R>) StreamJob.start(engine, function, input, chunkSize, ordered);
    }

    /** Starts one task: {@code function} applied to {@code argument}. */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> single(Object function, Object argument, Callable<?> local) {
        return (CompletableFuture<R>) SingleJob.start(engine, function, argument, local);
    }

    /**
     * What {@code newTaskFor} returns: the task, already submitted, as a {@link RunnableFuture}.
     * See {@link SubmittedTask}.
     */
    public <T> RunnableFuture<T> taskFor(CompletableFuture<T> submitted) {
        SubmittedTask<T> task = new SubmittedTask<>(submitted);
        awaitingWrapper.set(task);
        return task;
    }

    /**
     * If {@code task} is the wrapper around the task {@link #taskFor} just made on this thread, as
     * {@code ExecutorCompletionService} gives it to {@code execute}, arranges for it to run here
     * once that task is done.
     *
     * @return whether it was such a wrapper
     */
    public boolean runsAsWrapper(Runnable task) {
        SubmittedTask<?> made = awaitingWrapper.get();
        if (made == null) {
            return false;
        }
        awaitingWrapper.remove();
        if (!(task instanceof Future<?>)) {
            return false;
        }
        made.whenDone(task);
        return true;
    }

    /** Runs the tasks, waiting for all of them or until the time is up, then cancels the rest. */
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(single(TaskFunctions.call(task), null, null));
            }
            for (Future<T> future : futures) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    future.get(nanos == Long.MAX_VALUE ? Long.MAX_VALUE : left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException | TimeoutException e) {
                    // the future holds its outcome; a time-out is dealt with below
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            futures.forEach(future -> future.cancel(true));
            throw e;
        }
        futures.forEach(future -> future.cancel(true));
        return futures;
    }

    /** Runs the tasks and returns the first result; cancels the others. */
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        CompletableFuture<T> first = new CompletableFuture<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                CompletableFuture<T> future = single(TaskFunctions.call(task), null, null);
                futures.add(future);
                future.whenComplete((result, failure) -> {
                    if (failure == null) {
                        first.complete(result);
                    } else if (failures.incrementAndGet() == tasks.size()) {
                        first.completeExceptionally(failure);
                    }
                });
            }
            return nanos == Long.MAX_VALUE ? first.get() : first.get(nanos, TimeUnit.NANOSECONDS);
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
    }

    /**
     * Starts a task with Python's callbacks: {@code callback} gets its result, {@code errorCallback}
     * its failure, on the thread that completes it.
     */
    public static <R> CompletableFuture<R> calledBack(Supplier<CompletableFuture<R>> start,
            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(errorCallback, "errorCallback");
        CompletableFuture<R> future = start.get();
        future.whenComplete((result, failure) -> {
            if (failure == null) {
                callback.accept(result);
            } else {
                errorCallback.accept(failure);
            }
        });
        return future;
    }

    /**
     * Waits for a call's future as the blocking calls do.
     *
     * @throws CompletionException with the task's failure as its cause
     * @throws CancellationException if interrupted (the work is cancelled) or the pool terminated
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting; the work was cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException cancelled) {
                throw cancelled;
            }
            throw new CompletionException(e.getCause());
        }
    }

    /** The items of {@code items} in a list, without copying a list. */
    public static List<?> list(Iterable<?> items) {
        if (items instanceof List<?> list) {
            return list;
        }
        List<Object> all = new ArrayList<>();
        items.forEach(all::add);
        return all;
    }

    /** Python's default chunk size: about a quarter of each worker's share, rounded up. */
    public static int defaultChunkSize(int items, int processes) {
        int share = processes * 4;
        return Math.max(1, items / share + (items % share == 0 ? 0 : 1));
    }

    /** Checks a chunk size given by the caller. */
    public static int checkChunk(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("a chunk size must be at least 1: " + chunkSize);
        }
        return chunkSize;
    }
}
