package org.multiprocessing4j.internal.pool;

import java.io.IOException;

/**
 * Sends a pool's queued batches to its workers, one thread at a time per worker.
 *
 * <p>Design note. A batch that fits, with the worker's other unanswered batches, in
 * {@link #DIRECT_BYTES} (half the room a pipe promises) is sent by whichever thread queued it or
 * freed room for it, a caller or a reader after an answer: such a send never waits, since the pipe
 * cannot be full, and costs no hand-off to another thread. Larger batches are left to the dispatcher thread,
 * the only thread that may wait on a full pipe; it never reads, so it waits for a worker that
 * reads, and a worker waiting on a full answer pipe waits for a reader that never blocks on a send.
 *
 * <p>Each worker is given about {@value #QUEUED_WORK_NANOS} ns of work ahead by the recent pace
 * of batches, between {@value #MIN_QUEUED} and {@value #MAX_QUEUED} batches, so that a worker
 * never waits for the parent between short tasks while long ones are not stuck behind each other.
 * Everything here but the sends themselves runs under the engine's lock.
 */
final class BatchSender {

    /**
     * Half the room every pipe has for unread messages ({@link org.multiprocessing4j.PipeEnd}
     * promises 512 KiB): batches sent directly never fill it, so the sender never waits.
     */
    static final long DIRECT_BYTES = 256 << 10;
    private static final long QUEUED_WORK_NANOS = 1_000_000;
    private static final int MIN_QUEUED = 2;
    private static final int MAX_QUEUED = 64;

    private final PoolEngine engine;
    private final Thread dispatcher;
    /** The recent time a worker takes per batch; under the engine's lock. */
    private double batchNanos = QUEUED_WORK_NANOS;

    BatchSender(PoolEngine engine, String poolName) {
        this.engine = engine;
        this.dispatcher = new Thread(this::dispatch, poolName + "-dispatcher");
        dispatcher.setDaemon(true);
    }

    void start() {
        dispatcher.start();
    }

    /** A worker answered a batch it ran for {@code nanos}: the pace moves. Under the lock. */
    void answered(long nanos) {
        batchNanos = 0.8 * batchNanos + 0.2 * nanos;
    }

    /** A send claimed under the engine's lock: a batch, or the stop message when {@code batch} is null. */
    private record Send(WorkerSlot slot, TaskBatch batch) {
    }

    /** Sends the large batches, which may have to wait for room in a worker's pipe. */
    private void dispatch() {
        while (true) {
            Send send;
            engine.lock.lock();
            try {
                while ((send = claim(false)) == null) {
                    if (engine.state == PoolEngine.State.TERMINATED) {
                        return;
                    }
                    engine.changed.awaitUninterruptibly();
                }
            } finally {
                engine.lock.unlock();
            }
            transmit(send);
            engine.lock.lock();
            try {
                send.slot().sending = false;
            } finally {
                engine.lock.unlock();
            }
            // the slot it held may be what a short batch waits for
            sendDirectly();
        }
    }

    /**
     * Sends, from the calling thread, every batch that cannot block it: one that fits with the
     * worker's other unanswered batches in a part of its pipe. Called by callers after queueing
     * and by readers after an answer, it saves the hand-off to the dispatcher for short tasks.
     */
    void sendDirectly() {
        Send send;
        engine.lock.lock();
        try {
            send = claim(true);
            if (send == null) {
                return;
            }
        } finally {
            engine.lock.unlock();
        }
        while (true) {
            transmit(send);
            engine.lock.lock();
            try {
                // one turn of the engine's lock both ends this send and claims the next
                send.slot().sending = false;
                send = claim(true);
                if (send == null) {
                    return;
                }
            } finally {
                engine.lock.unlock();
            }
        }
    }

    /**
     * Wakes the dispatcher if a large batch is first in line: only then has it something to do.
     * Under the engine's lock.
     */
    void wakeDispatcherForLarge() {
        TaskBatch first = engine.pending.peekFirst();
        if (first != null && first.messageBytes() > DIRECT_BYTES) {
            engine.changed.signalAll();
        }
    }

    private static void transmit(Send send) {
        boolean interrupted = false;
        while (true) {
            try {
                if (send.batch() != null) {
                    send.slot().send(send.batch());
                } else {
                    send.slot().sendStop();
                }
                break;
            } catch (InterruptedException e) {
                // readers are interrupted to look at a worker's exit, which is no reason to drop
                // a send: nothing was written, it is tried again and the interrupt kept for later
                interrupted = true;
            } catch (IOException | RuntimeException e) {
                // the worker is gone or going: its reader hands its batches on
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the next send off the queue and gives it a worker that is not being sent to. A direct
     * sender takes short batches (and stop messages) that fit with the worker's unanswered ones in
     * {@link #DIRECT_BYTES}, and wakes the dispatcher when a large one comes first; the dispatcher
     * takes only large ones. Under the engine's lock.
     */
    private Send claim(boolean direct) {
        TaskBatch batch = nextBatch();
        if (batch == null) {
            WorkerSlot slot = direct ? slotToStop() : null;
            if (slot == null) {
                return null;
            }
            slot.stopSent = true;
            slot.sending = true;
            return new Send(slot, null);
        }
        boolean large = batch.messageBytes() > DIRECT_BYTES;
        WorkerSlot slot = direct == large ? null : slotFor(batch, direct ? DIRECT_BYTES : Long.MAX_VALUE);
        if (slot == null) {
            engine.pending.addFirst(batch);
            if (direct) {
                wakeDispatcherForLarge();
            }
            return null;
        }
        slot.inflight.add(batch);
        slot.queuedBytes += batch.messageBytes();
        slot.batchesSent++;
        if (slot.inflight.size() == 1) {
            engine.started(slot, batch, System.nanoTime());
        }
        slot.sending = true;
        return new Send(slot, batch);
    }

    private TaskBatch nextBatch() {
        TaskBatch batch;
        while ((batch = engine.pending.poll()) != null && batch.job.isFinished()) {
            // dropped: nobody wants its outcome
        }
        return batch;
    }

    /** The least busy worker that may take {@code batch}, or {@code null}. Under the lock. */
    private WorkerSlot slotFor(TaskBatch batch, long maxQueuedBytes) {
        int most = (int) Math.max(MIN_QUEUED, Math.min(MAX_QUEUED, QUEUED_WORK_NANOS / Math.max(1, batchNanos)));
        int quota = engine.settings.maxTasksPerChild();
        WorkerSlot best = null;
        for (WorkerSlot slot : engine.slots) {
            boolean open = !slot.ended && !slot.stopSent && !slot.sending && slot.killedFor == null
                    && (quota == 0 || slot.batchesSent < quota)
                    && slot.inflight.size() < most && slot.queuedBytes + batch.messageBytes() <= maxQueuedBytes;
            if (open && (best == null || slot.inflight.size() < best.inflight.size())) {
                best = slot;
            }
        }
        return best;
    }

    private WorkerSlot slotToStop() {
        if (engine.state == PoolEngine.State.RUNNING || engine.state == PoolEngine.State.STOPPING) {
            return null;
        }
        for (WorkerSlot slot : engine.slots) {
            if (!slot.ended && !slot.stopSent && !slot.sending) {
                return slot;
            }
        }
        return null;
    }

    /** Whether a thread is sending to {@code slot} now. */
    boolean isSending(WorkerSlot slot) {
        engine.lock.lock();
        try {
            return slot.sending;
        } finally {
            engine.lock.unlock();
        }
    }
}
