package org.multiprocessing4j.internal.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An {@code imap} or {@code imapUnordered}: results handed out as they come, inputs taken lazily.
 *
 * <p>The consumer's thread pulls inputs, and only it: nothing is read when the stream is made;
 * each time the consumer asks for a result, it first queues chunks until
 * {@value #WINDOW_PER_WORKER} chunks per worker are taken from the input and not yet handed out as
 * results. So an endless input works, memory stays bounded when the consumer is slow, and no
 * thread of the pool ever calls the caller's iterator.
 *
 * <p>A task's failure is thrown (as a {@link CompletionException}) when its result's turn comes;
 * with fail-fast the iteration then ends and the remaining work is dropped, otherwise it goes on
 * with the next result. The tasks after a failed one in the same chunk did not run and fail too.
 *
 * <p>An input that throws, or an item that cannot be serialized, ends the input there: the items
 * before it run, and its exception is kept and thrown as it is once every result before it was
 * handed out; then the iteration ends. Unordered, every result taken is before it, so it comes
 * last.
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
    private final long window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** By batch number, when ordered. */
    private final Map<Long, Object[]> byBatch = new HashMap<>();
    /** In arrival order, when not. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    // the consumer's thread alone writes these
    private long taken;
    private long handedOut;
    private boolean inputEnded;
    /** What the input threw (a RuntimeException or an Error), or {@code null}. */
    private Throwable inputFailure;
    private volatile boolean finished;

    private StreamJob(PoolEngine engine, EncodedFunction function, Iterator<?> input, int chunkSize, boolean ordered) {
        super(engine.nextId(), function);
        this.engine = engine;
        this.input = input;
        this.chunkSize = chunkSize;
        this.ordered = ordered;
        this.window = (long) WINDOW_PER_WORKER * engine.processes() * chunkSize;
    }

    /**
     * Makes a job; nothing is read from {@code input} until a result is asked for.
     *
     * @return the results as a stream; closing it stops the work
     * @throws java.util.concurrent.RejectedExecutionException if the pool is shut down
     */
    static Stream<Object> start(PoolEngine engine, Object function, Iterator<?> input, int chunkSize, boolean ordered) {
        engine.checkRunning();
        StreamJob job = new StreamJob(engine, engine.functions.encodeFunction(function), input, chunkSize, ordered);
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
            List<Object> chunk = takeChunk();
            byte[] bytes = chunk.isEmpty() ? null : encode(chunk);
            if (bytes != null) {
                batches.add(new TaskBatch(this, engine.nextId(), taken, chunk.size(), bytes, null));
                taken += chunk.size();
            }
        }
        if (!batches.isEmpty()) {
            try {
                engine.submit(batches);
            } catch (RejectedExecutionException e) {
                // the pool was shut down: the refusal comes as an input's failure, in its turn
                taken = batches.get(0).offset;
                endInput(e);
            }
        }
    }

    /** Up to a chunk of items; fewer if the input ends or throws, which ends it. */
    private List<Object> takeChunk() {
        // a large chunk size is no reason to allocate its room before any item is read
        List<Object> chunk = new ArrayList<>(Math.min(chunkSize, 1024));
        try {
            while (chunk.size() < chunkSize && input.hasNext()) {
                chunk.add(input.next());
            }
            inputEnded = chunk.size() < chunkSize;
        } catch (RuntimeException | Error e) {
            endInput(e);
        }
        return chunk;
    }

    /**
     * The chunk serialized. If that fails, the chunk is cut before the first item that cannot be
     * serialized alone (or emptied, if each can), and the input ends there with the exception.
     *
     * @return the bytes, or {@code null} if nothing is left of the chunk
     */
    private byte[] encode(List<Object> chunk) {
        try {
            return engine.functions.encode(chunk);
        } catch (RuntimeException e) {
            endInput(e);
            int serializable = 0;
            while (serializable < chunk.size() && engine.functions.serializes(Arrays.asList(chunk.get(serializable)))) {
                serializable++;
            }
            chunk.subList(serializable < chunk.size() ? serializable : 0, chunk.size()).clear();
            return chunk.isEmpty() ? null : engine.functions.encode(chunk);
        }
    }

    private void endInput(Throwable failure) {
        inputEnded = true;
        inputFailure = failure;
    }

    @Override
    public boolean hasNext() {
        topUp();
        lock.lock();
        try {
            while (!finished && !available()) {
                if (inputEnded && handedOut == taken) {
                    // every result is out: what is left is the input's failure, if it failed
                    return inputFailure != null;
                }
                try {
                    arrived.await();
                } catch (InterruptedException e) {
                    close();
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for a result; the work was cancelled");
                }
            }
            return !finished;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object outcome = take();
        if (outcome instanceof Failed failed) {
            if (finished) {
                engine.cancel(this, true);
            }
            throw new CompletionException(failed.cause());
        }
        return outcome;
    }

    /** The next outcome; or, when every result is out, the input's failure, thrown. */
    private Object take() {
        lock.lock();
        try {
            if (!available()) {
                finished = true;
                if (inputFailure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) inputFailure;
            }
            Object outcome = ordered ? takeInOrder() : queue.poll();
            handedOut++;
            if (outcome instanceof Failed && engine.settings.failFast()) {
                finished = true;
            }
            return outcome == NULL ? null : outcome;
        } finally {
            lock.unlock();
        }
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
