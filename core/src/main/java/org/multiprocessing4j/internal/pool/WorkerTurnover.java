package org.multiprocessing4j.internal.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.WorkerDiedException;
import org.multiprocessing4j.internal.log.LibraryLog;

/**
 * What happens when a pool's worker ends, on its slot's reader thread: the batch it was running
 * fails (with its timeout, its cancellation, or the death) or is retried, the batches behind it go
 * back to the front of the queue for any worker, and a new worker takes the slot if there is work
 * for one.
 *
 * <p>When the pool is terminated, the batches a killed worker held fail, except the single tasks
 * still unread in its pipe: the worker runs its batches in the order it reads them, so those never
 * started, and {@code shutdownNow} returns them. What the worker read is not known to be unstarted
 * (it may have run a batch whose answer it held back), so it fails rather than risk a second run.
 */
final class WorkerTurnover {

    private static final long EXIT_WAIT_SECONDS = 5;

    private final PoolEngine engine;

    WorkerTurnover(PoolEngine engine) {
        this.engine = engine;
    }

    /**
     * The worker of {@code slot} has ended (exited, or said it retires); on the slot's reader
     * thread. Hands on its batches and puts another worker in its place if there is work for one.
     *
     * @return whether another worker took the slot
     */
    boolean workerEnded(WorkerSlot slot, ChildProcess worker) {
        awaitExit(worker);
        List<Runnable> outcomes = new ArrayList<>();
        boolean replace;
        Set<Long> unreceived = null;
        String why;
        while (true) {
            engine.lock.lock();
            try {
                if (unreceived != null || engine.state != PoolEngine.State.STOPPING) {
                    why = why(slot);
                    slot.ended = true;
                    handOn(slot, worker, unreceived == null ? Set.of() : unreceived, outcomes);
                    replace = engine.broken == null && (engine.state == PoolEngine.State.RUNNING
                            || engine.state == PoolEngine.State.SHUTDOWN && !engine.pending.isEmpty());
                    engine.changed.signalAll();
                    break;
                }
            } finally {
                engine.lock.unlock();
            }
            // the pool stops: what the worker never received is read out of its pipe, outside the
            // lock, and its single tasks go back to terminate()
            unreceived = slot.unreceivedBatches();
        }
        slot.retiring = false;
        outcomes.forEach(Runnable::run);
        engine.sender.sendDirectly();
        ChildProcess next = null;
        if (replace) {
            try {
                next = slot.newWorker(engine.settings, engine.nextWorkerName());
                slot.handOver(next);
                slot.launch(next);
            } catch (RuntimeException e) {
                engine.breakPool(slot, e);
                replace = false;
            }
        }
        logEnd(worker, why, next, replace);
        boolean stoppedMeanwhile = false;
        engine.lock.lock();
        try {
            if (replace) {
                slot.ended = false;
                slot.stopSent = false;
                slot.batchesSent = 0;
                // terminate() did not kill a worker it did not see
                stoppedMeanwhile = engine.state == PoolEngine.State.STOPPING;
                engine.changed.signalAll();
            } else {
                slot.closed = true;
                slot.close();
                engine.terminateIfDone();
            }
        } finally {
            engine.lock.unlock();
        }
        if (stoppedMeanwhile) {
            next.kill();
        } else if (replace) {
            engine.sender.sendDirectly();
        }
        return replace;
    }

    /** Why the worker of {@code slot} ended, for the log; under the engine's lock, before it is handed on. */
    private String why(WorkerSlot slot) {
        if (engine.state == PoolEngine.State.STOPPING) {
            return "killed: the pool was terminated";
        } else if (slot.killReason != null) {
            return "killed: " + slot.killReason.getMessage();
        } else if (slot.retiring) {
            return "retired: it ran its maxTasksPerChild (" + engine.settings.maxTasksPerChild() + ")";
        } else if (slot.stopSent) {
            return "stopped: the pool was shut down";
        } else if (!slot.inflight.isEmpty()) {
            return "died while running " + slot.inflight.peekFirst();
        }
        return "died while idle";
    }

    private static void logEnd(ChildProcess worker, String why, ChildProcess next, boolean replaced) {
        if (replaced) {
            LibraryLog.POOLS.debug("{} (pid {}) ended with exit code {}, {}; {} (pid {}) takes its place", worker.name(),
                    worker.pid(), worker.exitCode(), why, next.name(), next.pid());
        } else {
            LibraryLog.POOLS.debug("{} (pid {}) ended with exit code {}, {}; no worker takes its place", worker.name(),
                    worker.pid(), worker.exitCode(), why);
        }
    }

    /** Waits for an ended worker's process to be gone, killing it if it lingers. */
    private static void awaitExit(ChildProcess worker) {
        boolean interrupted = false;
        while (true) {
            try {
                if (!worker.join(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    worker.kill();
                    continue;
                }
                break;
            } catch (InterruptedException e) {
                // the worker's own exit wakes the reader; the wait goes on
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.interrupted();
        }
    }

    /**
     * Decides what becomes of the batches an ended worker held: the one it was running fails (its
     * timeout, its cancellation, or the death) or is retried; the ones behind it go back to the
     * front of the queue. When the pool stops, they all fail but the single tasks in
     * {@code unreceived}, which go to {@link PoolEngine#terminate()} to be returned. Under the
     * engine's lock; failures go to {@code outcomes}, to be told outside it.
     */
    private void handOn(WorkerSlot slot, ChildProcess worker, Set<Long> unreceived, List<Runnable> outcomes) {
        TaskBatch killed = slot.killedFor;
        Throwable reason = slot.killReason;
        slot.killedFor = null;
        slot.killReason = null;
        List<TaskBatch> again = new ArrayList<>();
        boolean first = true;
        for (TaskBatch batch : slot.inflight) {
            if (batch.deadline != null) {
                batch.deadline.cancel(false);
            }
            batch.startedNanos = 0;
            boolean running = first;
            first = false;
            if (batch.job.isFinished()) {
                continue;
            }
            if (engine.state == PoolEngine.State.STOPPING) {
                if (unreceived.contains(batch.id) && batch.unstarted != null && engine.unreceived != null) {
                    engine.unreceived.add(batch.unstarted);
                } else {
                    engine.fail(batch, engine.stopFailure(), outcomes);
                }
            } else if (!running || killed != null && killed != batch) {
                again.add(batch);
            } else if (killed == batch) {
                engine.fail(batch, reason, outcomes);
            } else if (batch.deaths++ < engine.settings.retries()) {
                again.add(batch);
            } else {
                // the worker itself says where it ran: a cluster's names its member
                engine.fail(batch, new WorkerDiedException("worker " + worker.name() + " (pid " + worker.pid()
                        + ") ended with exit code " + worker.exitCode() + " while running " + batch + ": " + worker,
                        worker.name(), worker.pid(), worker.exitCode(), null), outcomes);
            }
        }
        slot.inflight.clear();
        slot.queuedBytes = 0;
        for (int i = again.size() - 1; i >= 0; i--) {
            engine.pending.addFirst(again.get(i));
        }
    }
}
