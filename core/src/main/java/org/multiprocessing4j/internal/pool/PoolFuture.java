package org.multiprocessing4j.internal.pool;

import java.util.concurrent.CompletableFuture;

/**
 * The future of a pool call: cancelling it stops the call's work, and with
 * {@code mayInterruptIfRunning} kills the workers running it, since a task in another process
 * cannot be interrupted.
 *
 * @param <T> the result's type
 */
public final class PoolFuture<T> extends CompletableFuture<T> {

    private final PoolEngine engine;
    private volatile PoolJob job;

    PoolFuture(PoolEngine engine) {
        this.engine = engine;
    }

    void bind(PoolJob job) {
        this.job = job;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        PoolJob bound = job;
        if (cancelled && bound != null) {
            engine.cancel(bound, mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
