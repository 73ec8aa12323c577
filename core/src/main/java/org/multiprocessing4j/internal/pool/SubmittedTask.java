package org.multiprocessing4j.internal.pool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a pool's {@code newTaskFor} makes, for {@link java.util.concurrent.ExecutorCompletionService}:
 * a task already submitted to the workers, as a {@link RunnableFuture}.
 *
 * <p>Design note. The completion service hands {@code execute} a wrapper of its own around this
 * task, which it then expects to run; the wrapper queues this future once it has run. The wrapper
 * cannot be sent to a worker, and need not be: it only calls {@link #run()}, so the pool runs it in
 * this process once the worker's result is in ({@link #whenDone}), when {@code run()} has nothing
 * left to wait for. The user's task itself runs in a worker, as every pool task does.
 *
 * @param <V> the task's result
 */
final class SubmittedTask<V> implements RunnableFuture<V> {

    private final CompletableFuture<V> submitted;

    SubmittedTask(CompletableFuture<V> submitted) {
        this.submitted = submitted;
    }

    /** Runs {@code action} once the task is done, on the thread that completes it. */
    void whenDone(Runnable action) {
        submitted.whenComplete((result, failure) -> action.run());
    }

    /** The task runs in a worker already: running it here is waiting for it to end. */
    @Override
    public void run() {
        try {
            submitted.join();
        } catch (CompletionException | CancellationException e) {
            // the outcome is this future's, for get() to report
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return submitted.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        return submitted.isCancelled();
    }

    @Override
    public boolean isDone() {
        return submitted.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        return submitted.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return submitted.get(timeout, unit);
    }

    @Override
    public String toString() {
        return "SubmittedTask[" + submitted + "]";
    }
}
