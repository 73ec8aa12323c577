package org.multiprocessing4j.internal.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An {@code imap} or {@code imapUnordered}: results handed out as they come, inputs taken lazily.
 *
 * <p>The consumer's thread pulls inputs: each time it asks for a result, it first queues chunks
 * until {@value #WINDOW_PER_WORKER} chunks per worker are taken from the input and not yet handed
 * out as results. So an endless input works, memory stays bounded when the consumer is slow, and
 * no thread of the pool ever calls the caller's iterator.
 *
 * <p>A task's failure is thrown (as a {@link CompletionException}) when its result's turn comes;
 * with fail-fast the iteration then ends and the remaining work is dropped, otherwise it goes on
 * with the next result. The tasks after a failed one in the same chunk did not run and fail too.
 */
final class StreamJob extends PoolJob implements Iterator<Object> {

    private static final int WINDOW_PER_WORKER = 64;

    private record Failed(Throwable cause) {
    }

    /** Stands for a {@code null} result in the queue, which holds no nulls. */
    private static final Object NULL = new Object();

    private final PoolEngine engine;
    private final Iterator<?> input;
    private final int chunkSize;
    private final boolean ordered;
    private final int window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** By batch number, when ordered. */
    private final Map<Long, Object[]> byBatch = new HashMap<>();
    /** In arrival order, when not. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long taken;
    private long handedOut;
    private boolean inputEnded;
    private volatile boolean finished;

    private StreamJob(PoolEngine engine, EncodedFunction function, Iterator<?> input, int chunkSize, boolean ordered) {
        super(engine.nextId(), function);
        this.engine = engine;
        this.input = input;
        this.chunkSize = chunkSize;
        this.ordered = ordered;
        this.window = WINDOW_PER_WORKER * engine.processes() * chunkSize;
    }

    /**
     * Starts a job and its first chunks.
     *
     * @return the results as a stream; closing it stops the work
     */
    static Stream<Object> start(PoolEngine engine, Object function, Iterator<?> input, int chunkSize, boolean ordered) {
        StreamJob job = new StreamJob(engine, engine.functions.encodeFunction(function), input, chunkSize, ordered);
        job.topUp();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(job, ordered ? Spliterator.ORDERED : 0), false)
                .onClose(job::close);
    }

    /**
     * Takes inputs until the window is full. On the consumer's thread, which alone uses
     * {@code taken}, {@code handedOut} and {@code inputEnded}, without the lock, so that readers
     * can hand over results meanwhile.
     */
    private void topUp() {
        List<TaskBatch> batches = new ArrayList<>();
        while (!finished && !inputEnded && taken - handedOut + chunkSize <= window) {
            List<Object> chunk = new ArrayList<>(chunkSize);
            while (chunk.size() < chunkSize && input.hasNext()) {
                chunk.add(input.next());
            }
            inputEnded = !input.hasNext();
            if (chunk.isEmpty()) {
                break;
            }
            byte[] bytes;
            try {
                bytes = engine.functions.encode(chunk);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            batches.add(new TaskBatch(this, engine.nextId(), taken, chunk.size(), bytes, null));
            taken += chunk.size();
        }
        if (!batches.isEmpty()) {
            engine.submit(batches);
        }
    }

    @Override
    public boolean hasNext() {
        topUp();
        lock.lock();
        try {
            while (!available()) {
                if (finished || inputEnded && handedOut == taken) {
                    return false;
                }
                try {
                    arrived.await();
                } catch (InterruptedException e) {
                    close();
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for a result; the work was cancelled");
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object outcome;
        lock.lock();
        try {
            outcome = ordered ? takeInOrder() : queue.poll();
            outcome = outcome == NULL ? null : outcome;
            handedOut++;
            if (outcome instanceof Failed && engine.settings.failFast()) {
                finished = true;
            }
        } finally {
            lock.unlock();
        }
        if (outcome instanceof Failed failed) {
            if (finished) {
                engine.cancel(this, true);
            }
            throw new CompletionException(failed.cause());
        }
        return outcome;
    }

    private boolean available() {
        return ordered ? byBatch.containsKey(handedOut / chunkSize) : !queue.isEmpty();
    }

    private Object takeInOrder() {
        long batch = handedOut / chunkSize;
        Object[] outcomes = byBatch.get(batch);
        int at = (int) (handedOut % chunkSize);
        if (at == outcomes.length - 1) {
            byBatch.remove(batch);
        }
        return outcomes[at];
    }

    @Override
    void completed(TaskBatch batch, List<?> results) {
        arrive(batch, results.toArray());
    }

    @Override
    void failed(TaskBatch batch, int index, List<?> before, Throwable failure) {
        Object[] outcomes = new Object[batch.size];
        Failed failed = new Failed(failure);
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = i < before.size() ? before.get(i) : failed;
        }
        arrive(batch, outcomes);
    }

    private void arrive(TaskBatch batch, Object[] outcomes) {
        lock.lock();
        try {
            if (ordered) {
                byBatch.put(batch.offset / chunkSize, outcomes);
            } else {
                for (Object outcome : outcomes) {
                    queue.add(outcome == null ? NULL : outcome);
                }
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the work: the chunks not sent are dropped, the workers running one are killed. */
    private void close() {
        if (!finished) {
            finished = true;
            engine.cancel(this, true);
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    boolean isFinished() {
        return finished;
    }
}
