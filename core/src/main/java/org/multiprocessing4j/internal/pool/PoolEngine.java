package org.multiprocessing4j.internal.pool;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.WorkerDiedException;
import org.multiprocessing4j.spi.Serializer;

/**
 * A pool's engine: the pending batches, the worker slots, and the life cycle of the pool.
 *
 * <pre>
 *  callers ──batches──▶ pending ──BatchSender──▶ slot pipe ──▶ worker process
 *     ▲                    ▲                      (one per     runs batches in order
 *     │                    │                       worker)          │
 *     │              sent again                                     │ answers
 *     │              (WorkerTurnover)      reader thread ◀──────────┘
 *  futures ◀──────── jobs ◀── Answers ──── (one per slot)
 * </pre>
 *
 * <p>Design note. Each worker has a pipe of its own instead of sharing one task queue, so the
 * parent always knows which batches a worker holds: when it dies, the one it was running (the
 * oldest unanswered) fails or is retried, and the ones behind it go to other workers
 * ({@link WorkerTurnover}). A batch is "running" from the moment the worker's previous answer
 * arrived (or it was sent to an idle worker): that is when its timeout starts. How batches reach
 * workers without a thread ever blocking on a pipe while holding what another needs is
 * {@link BatchSender}'s note. One lock guards the queue and the slots' state; jobs are told of
 * outcomes on the reader threads, outside it.
 */
public final class PoolEngine {

    private static final AtomicInteger POOLS = new AtomicInteger();
    /** How much longer than its timeout a batch may wait for its worker to start. */
    private static final long START_ALLOWANCE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long {@link #terminate()} waits for the pipes of the workers it killed to be read. */
    private static final long UNRECEIVED_WAIT_SECONDS = 10;

    enum State { RUNNING, SHUTDOWN, STOPPING, TERMINATED }

    final PoolSettings settings;
    final ProgressMeter meter;
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled for the dispatcher and for threads awaiting termination. */
    final Condition changed = lock.newCondition();
    final ArrayDeque<TaskBatch> pending = new ArrayDeque<>();
    final List<WorkerSlot> slots = new ArrayList<>();
    final BatchSender sender;
    final Answers answers = new Answers(this);
    final WorkerTurnover turnover = new WorkerTurnover(this);
    final FunctionEncoder functions;
    private final AtomicInteger workerNames = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong ids = new AtomicLong();
    // guarded by the lock
    State state = State.RUNNING;
    Throwable broken;
    /**
     * While {@link #terminate()} waits for the workers it killed: the single tasks found never
     * received in their pipes, which it returns; {@code null} at other times, when such tasks fail.
     */
    List<Runnable> unreceived;

    /**
     * Starts a pool's workers and threads.
     *
     * @param settings the pool's settings
     */
    public PoolEngine(PoolSettings settings) {
        this.settings = settings;
        String poolName = "multiprocessing4j-pool-" + POOLS.incrementAndGet();
        this.meter = new ProgressMeter(settings.progress());
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, poolName + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        meter.start(timer);
        this.sender = new BatchSender(this, poolName);
        this.functions = new FunctionEncoder(this);
        List<ChildProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < settings.processes(); i++) {
                WorkerSlot slot = new WorkerSlot(this, i, settings.context().pipe(true, settings.serializer()));
                ChildProcess worker = slot.newWorker(settings, nextWorkerName());
                slot.launch(worker);
                started.add(worker);
                slots.add(slot);
                slot.open(worker);
            }
        } catch (RuntimeException | Error e) {
            started.forEach(ChildProcess::kill);
            timer.shutdownNow();
            throw e;
        }
        sender.start();
    }

    /** The name of the next worker: {@code PoolWorker-N}, as Python's {@code ForkPoolWorker-N}. */
    String nextWorkerName() {
        return "PoolWorker-" + workerNames.incrementAndGet();
    }

    /** A new id for a job or batch. */
    long nextId() {
        return ids.incrementAndGet();
    }

    /** The serializer of functions, arguments and results. */
    Serializer serializer() {
        return settings.serializer();
    }

    /**
     * Queues a batch for the workers.
     *
     * @throws RejectedExecutionException if the pool is shut down
     */
    void submit(TaskBatch batch) {
        submit(List.of(batch));
    }

    /**
     * Queues batches for the workers, in order, with one turn of the lock.
     *
     * @throws RejectedExecutionException if the pool is shut down; none is queued then
     */
    void submit(List<TaskBatch> batches) {
        lock.lock();
        try {
            rejectUnlessRunning();
            pending.addAll(batches);
        } finally {
            lock.unlock();
        }
        for (TaskBatch batch : batches) {
            meter.submitted(batch.size);
        }
        sender.sendDirectly();
    }

    /**
     * Checks that the pool takes work, for a call that queues its work later.
     *
     * @throws RejectedExecutionException if the pool is shut down
     */
    void checkRunning() {
        lock.lock();
        try {
            rejectUnlessRunning();
        } finally {
            lock.unlock();
        }
    }

    private void rejectUnlessRunning() {
        if (state != State.RUNNING) {
            throw new RejectedExecutionException(broken != null
                    ? "the pool is broken: a worker's initializer failed" : "the pool is shut down", broken);
        }
    }

    /**
     * Stops the work of {@code job}: drops its batches not sent yet and, if {@code killRunning},
     * kills the workers running one of its batches (they are replaced).
     */
    void cancel(PoolJob job, boolean killRunning) {
        List<ChildProcess> kill = new ArrayList<>();
        lock.lock();
        try {
            pending.removeIf(batch -> batch.job == job);
            for (WorkerSlot slot : killRunning ? slots : List.<WorkerSlot>of()) {
                TaskBatch running = slot.inflight.peekFirst();
                if (running != null && running.job == job && markKilled(slot, running, new CancellationException(
                        "cancelled while running in " + slot))) {
                    kill.add(slot.worker());
                }
            }
        } finally {
            lock.unlock();
        }
        kill.forEach(ChildProcess::kill);
    }

    boolean markKilled(WorkerSlot slot, TaskBatch batch, Throwable reason) {
        if (slot.killedFor != null || slot.ended) {
            return false;
        }
        slot.killedFor = batch;
        slot.killReason = reason;
        return true;
    }

    /**
     * {@code batch} is now what the worker of {@code slot} runs; its timeout starts. A worker that
     * has not said it is ready yet gets {@link #START_ALLOWANCE_NANOS} more, and the timeout
     * starts again when it is (see {@link Answers}): so a worker that never starts is killed too.
     */
    void started(WorkerSlot slot, TaskBatch batch, long now) {
        batch.startedNanos = now;
        if (batch.deadline != null) {
            batch.deadline.cancel(false);
        }
        if (settings.taskTimeout() != null) {
            long each = TimeUnit.NANOSECONDS.convert(settings.taskTimeout());
            long nanos = each > Long.MAX_VALUE / batch.size ? Long.MAX_VALUE : each * batch.size;
            nanos = slot.ready || nanos > Long.MAX_VALUE - START_ALLOWANCE_NANOS ? nanos : nanos + START_ALLOWANCE_NANOS;
            batch.deadline = timer.schedule(() -> expire(slot, batch), nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(WorkerSlot slot, TaskBatch batch) {
        ChildProcess worker;
        lock.lock();
        try {
            if (slot.inflight.peekFirst() != batch || !markKilled(slot, batch, new TimeoutException(
                    "a task ran longer than " + settings.taskTimeout() + " and its worker " + slot + " was killed"))) {
                return;
            }
            worker = slot.worker();
        } finally {
            lock.unlock();
        }
        worker.kill();
    }

    void fail(TaskBatch batch, Throwable failure, List<Runnable> outcomes) {
        outcomes.add(() -> {
            meter.failed(batch.size);
            batch.job.failed(batch, 0, List.of(), failure);
        });
    }

    /** Why the work that remains when the pool stops fails. Under the lock. */
    Throwable stopFailure() {
        if (broken instanceof WorkerDiedException died) {
            return new WorkerDiedException(died.getMessage(), died.workerName(), died.pid(), died.exitCode(),
                    died.getCause());
        }
        return broken != null ? new WorkerDiedException("the pool broke: " + broken, null, -1, null, broken)
                : new CancellationException("the pool was terminated");
    }

    /** A worker's initializer failed, or a worker could not be started: everything stops. */
    void breakPool(WorkerSlot slot, Throwable failure) {
        ChildProcess worker = slot.worker();
        lock.lock();
        try {
            if (broken == null) {
                broken = failure instanceof WorkerDiedException ? failure : new WorkerDiedException(
                        "worker " + slot + " could not start its work: " + failure, worker.name(),
                        WorkerSlot.pidOf(worker), null, failure);
            }
        } finally {
            lock.unlock();
        }
        terminate();
    }

    /** The reader of {@code slot} met an unexpected failure: the pool cannot go on. */
    void slotFailed(WorkerSlot slot, Throwable failure) {
        breakPool(slot, failure);
        lock.lock();
        try {
            slot.closed = true;
            slot.close();
            terminateIfDone();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- life cycle

    /** No new work; the workers exit once the work queued is done. */
    public void shutdown() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.SHUTDOWN;
            }
            changed.signalAll();
            terminateIfDone();
        } finally {
            lock.unlock();
        }
        // the stop messages
        sender.sendDirectly();
    }

    /**
     * Stops everything now: the work not sent yet fails with a {@link CancellationException}, except
     * single tasks, which are returned; the workers are killed and their work fails too, except the
     * single tasks they never received, which are returned as well. For those it waits until the
     * killed workers' readers have read their pipes (a few milliseconds after the kills), at most
     * {@value #UNRECEIVED_WAIT_SECONDS} s; it does not wait for the slot of a reader it is called on.
     *
     * @return the single tasks that never started
     */
    public List<Runnable> terminate() {
        List<Runnable> unstarted = new ArrayList<>();
        List<Runnable> outcomes = new ArrayList<>();
        List<WorkerSlot> killed = new ArrayList<>();
        lock.lock();
        try {
            if (state == State.STOPPING || state == State.TERMINATED) {
                return unstarted;
            }
            state = State.STOPPING;
            for (TaskBatch batch : pending) {
                if (batch.unstarted != null && broken == null) {
                    unstarted.add(batch.unstarted);
                } else if (!batch.job.isFinished()) {
                    fail(batch, stopFailure(), outcomes);
                }
            }
            pending.clear();
            for (WorkerSlot slot : slots) {
                if (!slot.closed && !slot.ended) {
                    killed.add(slot);
                }
            }
            unreceived = broken == null ? new ArrayList<>() : null;
            changed.signalAll();
            terminateIfDone();
        } finally {
            lock.unlock();
        }
        outcomes.forEach(Runnable::run);
        killed.forEach(slot -> slot.worker().kill());
        unstarted.addAll(awaitUnreceived(killed));
        return unstarted;
    }

    /**
     * Waits until the readers of {@code killed} have handed on what their workers held, and takes
     * the single tasks they found never received; after that, such tasks fail.
     */
    private List<Runnable> awaitUnreceived(List<WorkerSlot> killed) {
        killed.removeIf(WorkerSlot::isCurrentReader);
        boolean interrupted = false;
        lock.lock();
        try {
            long nanos = TimeUnit.SECONDS.toNanos(UNRECEIVED_WAIT_SECONDS);
            while (unreceived != null && nanos > 0 && killed.stream().anyMatch(slot -> !slot.ended && !slot.closed)) {
                try {
                    nanos = changed.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            List<Runnable> found = unreceived != null ? unreceived : List.of();
            unreceived = null;
            return found;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void terminateIfDone() {
        if (state == State.RUNNING || state == State.TERMINATED || !pending.isEmpty()) {
            return;
        }
        for (WorkerSlot slot : slots) {
            if (!slot.closed) {
                return;
            }
        }
        state = State.TERMINATED;
        changed.signalAll();
        timer.execute(meter::finish);
        timer.shutdown();
    }

    /** Whether {@link #shutdown()} or {@link #terminate()} was called, or the pool broke. */
    public boolean isShutdown() {
        lock.lock();
        try {
            return state != State.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    /** Whether every worker has exited after a shutdown. */
    public boolean isTerminated() {
        lock.lock();
        try {
            return state == State.TERMINATED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every worker has exited after a shutdown.
     *
     * @param nanos the longest wait
     * @return whether they have
     */
    public boolean awaitTermination(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (state != State.TERMINATED) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The number of workers. */
    public int processes() {
        return settings.processes();
    }
}
