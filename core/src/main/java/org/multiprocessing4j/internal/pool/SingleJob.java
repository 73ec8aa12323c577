package org.multiprocessing4j.internal.pool;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** One task on its own: an {@code apply}, or a {@code submit} of the executor service. */
final class SingleJob extends PoolJob {

    private final PoolFuture<Object> future;

    private SingleJob(long id, EncodedFunction function, PoolFuture<Object> future) {
        super(id, function);
        this.future = future;
    }

    /**
     * Starts a task.
     *
     * @param engine the pool
     * @param function what the worker applies to {@code argument}
     * @param argument the argument
     * @param local the task as the caller gave it, handed back by {@code shutdownNow} if it never
     *     ran, or {@code null} if it is not to be handed back
     * @return the task's future
     */
    static PoolFuture<Object> start(PoolEngine engine, Object function, Object argument, Callable<?> local) {
        PoolFuture<Object> future = new PoolFuture<>(engine);
        SingleJob job = new SingleJob(engine.nextId(), engine.functions.encodeFunction(function), future);
        future.bind(job);
        // a list the compact form writes itself, null allowed
        List<Object> arguments = Arrays.asList(argument);
        Runnable unstarted = local == null ? null : () -> {
            try {
                future.complete(local.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        };
        engine.submit(new TaskBatch(job, engine.nextId(), 0, 1, engine.functions.encode(arguments), unstarted));
        return future;
    }

    @Override
    void completed(TaskBatch batch, List<?> results) {
        future.complete(results.get(0));
    }

    @Override
    void failed(TaskBatch batch, int index, List<?> before, Throwable failure) {
        future.completeExceptionally(failure);
    }

    @Override
    boolean isFinished() {
        return future.isDone();
    }
}
