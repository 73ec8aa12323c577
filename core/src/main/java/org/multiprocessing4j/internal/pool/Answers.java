package org.multiprocessing4j.internal.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
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
     * Handles one answer of the worker in {@code slot}; on its reader thread.
     *
     * @return whether the worker goes on answering
     */
    boolean answered(WorkerSlot slot, byte[] answer) {
        ByteBuffer in = ByteBuffer.wrap(answer);
        if (in.get(0) != PoolMessages.ANSWERS) {
            return answered(slot, in);
        }
        in.get();
        for (int count = in.getInt(); count > 0; count--) {
            int length = in.getInt();
            answered(slot, in.slice().limit(length));
            in.position(in.position() + length);
        }
        return true;
    }

    private boolean answered(WorkerSlot slot, ByteBuffer in) {
        byte kind = in.get();
        if (kind == PoolMessages.RETIRING) {
            return false;
        }
        if (kind == PoolMessages.INIT_FAILED) {
            engine.breakPool(slot, decodeFailure(in));
            return false;
        }
        TaskBatch batch = finish(slot, in.getLong());
        engine.sender.sendDirectly();
        if (batch == null || batch.job.isFinished()) {
            return true;
        }
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
        return true;
    }

    private static Throwable decodeFailure(ByteBuffer in) {
        try {
            return ThrowableTransport.decode(PoolMessages.rest(in));
        } catch (IOException e) {
            return e;
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
