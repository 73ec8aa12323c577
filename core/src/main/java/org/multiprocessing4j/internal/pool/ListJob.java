package org.multiprocessing4j.internal.pool;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A {@code map} or {@code starmap}: every input known up front, one list of results in input
 * order. With fail-fast the call fails at its first failed task; otherwise it waits for every
 * task and fails with the first failure, the others suppressed in it.
 */
final class ListJob extends PoolJob {

    private final PoolFuture<List<Object>> future;
    private final boolean failFast;
    private final Object[] results;
    private int remaining;
    private Throwable failure;

    private ListJob(long id, EncodedFunction function, PoolFuture<List<Object>> future, int size, boolean failFast) {
        super(id, function);
        this.future = future;
        this.failFast = failFast;
        this.results = new Object[size];
        this.remaining = size;
    }

    /**
     * Starts a job: serializes the function and each chunk of arguments in the caller's thread and
     * queues the chunks.
     *
     * @param engine the pool
     * @param function the function each argument is given to
     * @param arguments the arguments
     * @param chunkSize tasks per batch
     * @return the future of the results
     */
    static PoolFuture<List<Object>> start(PoolEngine engine, Object function, List<?> arguments, int chunkSize) {
        PoolFuture<List<Object>> future = new PoolFuture<>(engine);
        ListJob job = new ListJob(engine.nextId(), engine.functions.encodeFunction(function), future, arguments.size(),
                engine.settings.failFast());
        future.bind(job);
        if (arguments.isEmpty()) {
            future.complete(List.of());
            return future;
        }
        // one bulk copy, then chunks of it: cheaper than a sub-list's checked element by element
        Object[] all = arguments.toArray();
        for (int from = 0; from < all.length && !future.isDone(); from += chunkSize) {
            List<?> chunk = Arrays.asList(Arrays.copyOfRange(all, from, Math.min(all.length, from + chunkSize)));
            byte[] bytes;
            try {
                bytes = engine.functions.encode(chunk);
            } catch (RuntimeException e) {
                engine.cancel(job, true);
                throw e;
            }
            engine.submit(new TaskBatch(job, engine.nextId(), from, chunk.size(), bytes, null));
        }
        return future;
    }

    @Override
    void completed(TaskBatch batch, List<?> values) {
        store(batch, values);
        ended(batch, null);
    }

    @Override
    void failed(TaskBatch batch, int index, List<?> before, Throwable cause) {
        store(batch, before);
        ended(batch, cause);
    }

    private void store(TaskBatch batch, List<?> values) {
        Object[] batchResults = values.toArray();
        System.arraycopy(batchResults, 0, results, (int) batch.offset, batchResults.length);
    }

    private void ended(TaskBatch batch, Throwable cause) {
        Throwable fail = null;
        boolean done;
        synchronized (this) {
            remaining -= batch.size;
            if (cause != null) {
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
            done = remaining == 0 || failFast && failure != null;
            fail = failure;
        }
        if (done && fail != null) {
            future.completeExceptionally(fail);
        } else if (done) {
            future.complete(Collections.unmodifiableList(Arrays.asList(results)));
        }
    }

    @Override
    boolean isFinished() {
        return future.isDone();
    }
}
