package org.multiprocessing4j.internal.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.multiprocessing4j.internal.serial.ThrowableTransport;

/**
 * Reads what workers answer, on the slots' reader threads: takes the answered batch off its
 * worker's list (the next one starts), lets more batches go out, and tells the batch's job.
 */
final class Answers {

    private final PoolEngine engine;

    Answers(PoolEngine engine) {
        this.engine = engine;
    }

    /**
     * Handles what the worker in {@code slot} sent: one answer, or several in a group. All the
     * batches answered come off the worker's list first, then more batches go out (one turn of
     * the sending, not one per answer), then the jobs are told; on the slot's reader thread.
     *
     * @return whether the worker goes on answering
     */
    boolean answered(WorkerSlot slot, byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        List<ByteBuffer> answers = new ArrayList<>();
        if (in.get(0) != PoolMessages.ANSWERS) {
            answers.add(in);
        } else {
            in.get();
            for (int count = in.getInt(); count > 0; count--) {
                int length = in.getInt();
                answers.add(in.slice().limit(length));
                in.position(in.position() + length);
            }
        }
        byte kind = answers.get(0).get(0);
        if (kind == PoolMessages.READY) {
            ready(slot);
            return true;
        }
        if (kind == PoolMessages.RETIRING) {
            slot.retiring = true;
            return false;
        }
        if (kind == PoolMessages.INIT_FAILED) {
            engine.breakPool(slot, decodeFailure(answers.get(0).position(1)));
            return false;
        }
        TaskBatch[] batches = new TaskBatch[answers.size()];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = finish(slot, answers.get(i).getLong(1));
        }
        engine.sender.sendDirectly();
        for (int i = 0; i < batches.length; i++) {
            if (batches[i] != null && !batches[i].job.isFinished()) {
                deliver(batches[i], answers.get(i).position(1 + Long.BYTES));
            }
        }
        return true;
    }

    /** Tells the batch's job what its answer, read from {@code in} on, says. */
    private void deliver(TaskBatch batch, ByteBuffer in) {
        byte kind = in.get(0);
        try {
            if (kind == PoolMessages.DONE) {
                List<?> results = PoolMessages.asList(PoolMessages.getRest(engine.serializer(), in));
                engine.meter.completed(batch.size);
                batch.job.completed(batch, results);
            } else {
                int index = in.getInt();
                List<?> before = PoolMessages.asList(PoolMessages.getSized(engine.serializer(), in));
                Throwable failure = decodeFailure(in);
                engine.meter.completed(index);
                engine.meter.failed(batch.size - index);
                batch.job.failed(batch, index, before, failure);
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            engine.meter.failed(batch.size);
            batch.job.failed(batch, 0, List.of(), new IOException("cannot read the results of " + batch + ": " + e, e));
        }
    }

    private static Throwable decodeFailure(ByteBuffer in) {
        try {
            return ThrowableTransport.decode(PoolMessages.rest(in));
        } catch (IOException e) {
            return e;
        }
    }

    /** The worker of {@code slot} has started: the timeout of the batch it was sent first starts again. */
    private void ready(WorkerSlot slot) {
        engine.lock.lock();
        try {
            slot.ready = true;
            TaskBatch first = slot.inflight.peekFirst();
            if (first != null) {
                engine.started(slot, first, System.nanoTime());
            }
        } finally {
            engine.lock.unlock();
        }
    }

    /** Takes the answered batch off the worker's list; the next one starts. */
    private TaskBatch finish(WorkerSlot slot, long batchId) {
        long now = System.nanoTime();
        engine.lock.lock();
        try {
            TaskBatch batch = null;
            for (Iterator<TaskBatch> it = slot.inflight.iterator(); it.hasNext(); ) {
                TaskBatch candidate = it.next();
                if (candidate.id == batchId) {
                    batch = candidate;
                    it.remove();
                    break;
                }
            }
            if (batch == null) {
                return null;
            }
            if (batch.deadline != null) {
                batch.deadline.cancel(false);
            }
            slot.queuedBytes -= batch.messageBytes();
            engine.sender.answered(now - batch.startedNanos);
            TaskBatch next = slot.inflight.peekFirst();
            if (next != null && next.startedNanos == 0) {
                engine.started(slot, next, now);
            }
            engine.sender.wakeDispatcherForLarge();
            return batch;
        } finally {
            engine.lock.unlock();
        }
    }
}
