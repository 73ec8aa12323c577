package org.multiprocessing4j.internal.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.serial.ObjectCodec;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.spi.Serializer;

/**
 * A pool's engine: the pending batches, the worker slots, and the threads that move batches
 * between them.
 *
 * <pre>
 *  callers ──batches──▶ pending ──a sender──▶ slot pipe ──▶ worker process
 *     ▲                    ▲   (see below)       (one per     runs batches in order
 *     │                    │                      worker)          │
 *     │              sent again                                     │ answers
 *     │              after a death          reader thread ◀─────────┘
 *  futures ◀──────── jobs ◀──────────────── (one per slot)
 * </pre>
 *
 * <p>Design note. Each worker has a pipe of its own instead of sharing one task queue, so the
 * parent always knows which batches a worker holds: when it dies, the one it was running (the
 * oldest unanswered) fails or is retried, and the ones behind it go to other workers. A batch is
 * "running" from the moment the worker's previous answer arrived (or it was sent to an idle worker):
 * that is when its timeout starts. Every worker gets batches ahead of time, about
 * {@value #QUEUED_WORK_NANOS} ns of work by the recent pace and at least two, so that a worker never
 * waits for the parent between short tasks while long ones are not stuck behind each other.
 *
 * <p>Who sends. One thread at a time sends to a worker (its slot is marked as being sent to).
 * A batch that fits, with the worker's other unanswered batches, in a fourth of its pipe is sent
 * by the thread that queued it or by the reader that freed a place for it: such a send never
 * waits, since the pipe cannot be full. Larger ones are left to the dispatcher thread, the only
 * thread that may wait on a full pipe; it never reads, so it waits for a worker that reads, and a
 * worker waiting on a full answer pipe waits for a reader that never blocks on a send. Jobs are
 * told of outcomes on the reader threads, outside the lock.
 */
public final class PoolEngine {

    private static final long QUEUED_WORK_NANOS = 1_000_000;
    private static final int MIN_QUEUED = 2;
    private static final int MAX_QUEUED = 64;
    /** A fourth of a worker pipe: batches sent directly never fill it, so the sender never waits. */
    private static final long DIRECT_BYTES = MessageRing.DEFAULT_CAPACITY / 4;
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Lambda classes without captured values: their instances are all alike. */
    private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isSynthetic() && type.getDeclaredFields().length == 0;
        }
    };
    private static final long EXIT_WAIT_SECONDS = 5;

    private enum State { RUNNING, SHUTDOWN, STOPPING, TERMINATED }

    final PoolSettings settings;
    final ProgressMeter meter;
    private final ObjectCodec codec;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<TaskBatch> pending = new ArrayDeque<>();
    private final List<WorkerSlot> slots = new ArrayList<>();
    private final ScheduledThreadPoolExecutor timer;
    private final Thread dispatcher;
    private final AtomicLong ids = new AtomicLong();
    /** The last stateless functions encoded; a lambda class's instance is a singleton. */
    private final Map<Object, EncodedFunction> stateless = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, EncodedFunction> eldest) {
            return size() > FunctionCache.CAPACITY;
        }
    };
    private final AtomicInteger workerNames = new AtomicInteger();
    private final String poolName;
    private State state = State.RUNNING;
    private Throwable broken;
    private double batchNanos = QUEUED_WORK_NANOS;

    /**
     * Starts a pool's workers and threads.
     *
     * @param settings the pool's settings
     */
    public PoolEngine(PoolSettings settings) {
        this.settings = settings;
        this.poolName = "multiprocessing4j-pool-" + POOLS.incrementAndGet();
        this.meter = new ProgressMeter(settings.progress());
        this.codec = ObjectCodec.of(settings.serializer());
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, poolName + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        meter.start(timer);
        this.dispatcher = new Thread(this::dispatch, poolName + "-dispatcher");
        dispatcher.setDaemon(true);
        List<ChildProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < settings.processes(); i++) {
                WorkerSlot slot = new WorkerSlot(this, i, settings.context().pipe(true, settings.serializer()));
                ChildProcess worker = startWorker(slot);
                started.add(worker);
                slots.add(slot);
                slot.open(worker);
            }
        } catch (RuntimeException | Error e) {
            started.forEach(ChildProcess::kill);
            timer.shutdownNow();
            throw e;
        }
        dispatcher.start();
    }

    private ChildProcess startWorker(WorkerSlot slot) {
        ChildProcess worker = slot.newWorker(settings, "PoolWorker-" + workerNames.incrementAndGet());
        worker.start();
        worker.onExit().thenRun(() -> slot.workerExited(worker));
        return worker;
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
        lock.lock();
        try {
            if (state != State.RUNNING) {
                throw new RejectedExecutionException(broken != null
                        ? "the pool is broken: a worker's initializer failed" : "the pool is shut down", broken);
            }
            pending.add(batch);
        } finally {
            lock.unlock();
        }
        meter.submitted(batch.size);
        sendDirectly();
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

    /**
     * Serializes a function in the caller's thread, once for every call with the same stateless
     * lambda (one that captures nothing, so that its bytes never change).
     *
     * @throws org.multiprocessing4j.UnserializableObjectException naming the class that is not
     *     serializable
     */
    EncodedFunction encodeFunction(Object function) {
        if (!STATELESS.get(function.getClass())) {
            return new EncodedFunction(nextId(), encode(function));
        }
        synchronized (stateless) {
            EncodedFunction known = stateless.get(function);
            if (known == null) {
                known = new EncodedFunction(nextId(), encode(function));
                stateless.put(function, known);
            }
            return known;
        }
    }

    /**
     * Serializes a function or a list of arguments in the caller's thread.
     *
     * @throws org.multiprocessing4j.UnserializableObjectException naming the class that is not
     *     serializable
     */
    byte[] encode(Object value) {
        ByteBuffer bytes = codec.encode(value);
        return Arrays.copyOf(bytes.array(), bytes.limit());
    }

    private boolean markKilled(WorkerSlot slot, TaskBatch batch, Throwable reason) {
        if (slot.killedFor != null || slot.ended) {
            return false;
        }
        slot.killedFor = batch;
        slot.killReason = reason;
        return true;
    }

    // ---------------------------------------------------------------- dispatcher

    /** A send claimed under the lock: a batch, or the stop message when {@code batch} is null. */
    private record Send(WorkerSlot slot, TaskBatch batch) {
    }

    /** Sends the large batches, which may have to wait for room in a worker's pipe. */
    private void dispatch() {
        while (true) {
            Send send;
            lock.lock();
            try {
                while ((send = claim(false)) == null) {
                    if (state == State.TERMINATED) {
                        return;
                    }
                    changed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
            transmit(send);
            lock.lock();
            try {
                send.slot().sending = false;
            } finally {
                lock.unlock();
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
    private void sendDirectly() {
        Send send;
        lock.lock();
        try {
            send = claim(true);
            if (send == null) {
                return;
            }
        } finally {
            lock.unlock();
        }
        while (true) {
            transmit(send);
            lock.lock();
            try {
                // one turn of the lock both ends this send and claims the next
                send.slot().sending = false;
                send = claim(true);
                if (send == null) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Wakes the dispatcher if a large batch is first in line: only then has it something to do.
     * Under the lock.
     */
    private void wakeDispatcherForLarge() {
        TaskBatch first = pending.peekFirst();
        if (first != null && first.messageBytes() > DIRECT_BYTES) {
            changed.signalAll();
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
     * takes only large ones. Under the lock.
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
            pending.addFirst(batch);
            if (direct) {
                wakeDispatcherForLarge();
            }
            return null;
        }
        slot.inflight.add(batch);
        slot.queuedBytes += batch.messageBytes();
        slot.batchesSent++;
        if (slot.inflight.size() == 1) {
            started(slot, batch, System.nanoTime());
        }
        slot.sending = true;
        return new Send(slot, batch);
    }

    private TaskBatch nextBatch() {
        TaskBatch batch;
        while ((batch = pending.poll()) != null && batch.job.isFinished()) {
            // dropped: nobody wants its outcome
        }
        return batch;
    }

    /** The least busy worker that may take {@code batch}, or {@code null}. Under the lock. */
    private WorkerSlot slotFor(TaskBatch batch, long maxQueuedBytes) {
        int most = (int) Math.max(MIN_QUEUED, Math.min(MAX_QUEUED, QUEUED_WORK_NANOS / Math.max(1, batchNanos)));
        WorkerSlot best = null;
        for (WorkerSlot slot : slots) {
            boolean open = !slot.ended && !slot.stopSent && !slot.sending && slot.killedFor == null
                    && (settings.maxTasksPerChild() == 0 || slot.batchesSent < settings.maxTasksPerChild())
                    && slot.inflight.size() < most && slot.queuedBytes + batch.messageBytes() <= maxQueuedBytes;
            if (open && (best == null || slot.inflight.size() < best.inflight.size())) {
                best = slot;
            }
        }
        return best;
    }

    private WorkerSlot slotToStop() {
        if (state == State.RUNNING || state == State.STOPPING) {
            return null;
        }
        for (WorkerSlot slot : slots) {
            if (!slot.ended && !slot.stopSent && !slot.sending) {
                return slot;
            }
        }
        return null;
    }

    boolean isSending(WorkerSlot slot) {
        lock.lock();
        try {
            return slot.sending;
        } finally {
            lock.unlock();
        }
    }

    /** {@code batch} is now what the worker of {@code slot} runs; its timeout starts. */
    private void started(WorkerSlot slot, TaskBatch batch, long now) {
        batch.startedNanos = now;
        if (settings.taskTimeout() != null) {
            long nanos = settings.taskTimeout().toNanos() * batch.size;
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

    // ---------------------------------------------------------------- answers

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
            breakPool(slot, decodeFailure(in));
            return false;
        }
        TaskBatch batch = finish(slot, in.getLong());
        sendDirectly();
        if (batch == null || batch.job.isFinished()) {
            return true;
        }
        try {
            if (kind == PoolMessages.DONE) {
                List<?> results = PoolMessages.asList(PoolMessages.getRest(serializer(), in));
                meter.completed(batch.size);
                batch.job.completed(batch, results);
            } else {
                int index = in.getInt();
                List<?> before = PoolMessages.asList(PoolMessages.getSized(serializer(), in));
                Throwable failure = decodeFailure(in);
                meter.completed(index);
                meter.failed(batch.size - index);
                batch.job.failed(batch, index, before, failure);
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            meter.failed(batch.size);
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
        lock.lock();
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
            batchNanos = 0.8 * batchNanos + 0.2 * (now - batch.startedNanos);
            TaskBatch next = slot.inflight.peekFirst();
            if (next != null && next.startedNanos == 0) {
                started(slot, next, now);
            }
            wakeDispatcherForLarge();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- ends of workers

    /**
     * The worker of {@code slot} has ended (exited, or said it retires); on the slot's reader
     * thread. Hands on its batches and puts another worker in its place if there is work for one.
     *
     * @return whether another worker took the slot
     */
    boolean workerEnded(WorkerSlot slot, ChildProcess worker) throws InterruptedException {
        awaitExit(worker);
        List<Runnable> outcomes = new ArrayList<>();
        boolean replace;
        lock.lock();
        try {
            slot.ended = true;
            handOn(slot, worker, outcomes);
            replace = broken == null && (state == State.RUNNING || state == State.SHUTDOWN && !pending.isEmpty());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        outcomes.forEach(Runnable::run);
        sendDirectly();
        if (replace) {
            try {
                ChildProcess next = slot.newWorker(settings, "PoolWorker-" + workerNames.incrementAndGet());
                slot.handOver(next);
                next.start();
                next.onExit().thenRun(() -> slot.workerExited(next));
            } catch (RuntimeException e) {
                breakPool(slot, e);
                replace = false;
            }
        }
        lock.lock();
        try {
            if (replace) {
                slot.ended = false;
                slot.stopSent = false;
                slot.batchesSent = 0;
                changed.signalAll();
            } else {
                slot.closed = true;
                slot.close();
                terminateIfDone();
            }
        } finally {
            lock.unlock();
        }
        if (replace) {
            sendDirectly();
        }
        return replace;
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
     * front of the queue. Under the lock; failures are added to {@code outcomes} to be told outside.
     */
    private void handOn(WorkerSlot slot, ChildProcess worker, List<Runnable> outcomes) {
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
            if (state == State.STOPPING) {
                fail(batch, stopFailure(), outcomes);
            } else if (!running || killed != null && killed != batch) {
                again.add(batch);
            } else if (killed == batch) {
                fail(batch, reason, outcomes);
            } else if (batch.deaths++ < settings.retries()) {
                again.add(batch);
            } else {
                fail(batch, new WorkerDiedException("worker " + worker.name() + " (pid " + worker.pid()
                        + ") ended with exit code " + worker.exitCode() + " while running " + batch,
                        worker.name(), worker.pid(), worker.exitCode(), null), outcomes);
            }
        }
        slot.inflight.clear();
        slot.queuedBytes = 0;
        for (int i = again.size() - 1; i >= 0; i--) {
            pending.addFirst(again.get(i));
        }
    }

    private void fail(TaskBatch batch, Throwable failure, List<Runnable> outcomes) {
        outcomes.add(() -> {
            meter.failed(batch.size);
            batch.job.failed(batch, 0, List.of(), failure);
        });
    }

    /** Why the work that remains when the pool stops fails. Under the lock. */
    private Throwable stopFailure() {
        if (broken instanceof WorkerDiedException died) {
            return new WorkerDiedException(died.getMessage(), died.workerName(), died.pid(), died.exitCode(),
                    died.getCause());
        }
        return broken != null ? new WorkerDiedException("the pool broke: " + broken, null, -1, null, broken)
                : new CancellationException("the pool was terminated");
    }

    /** A worker's initializer failed, or a worker could not be started: everything stops. */
    private void breakPool(WorkerSlot slot, Throwable failure) {
        ChildProcess worker = slot.worker();
        lock.lock();
        try {
            if (broken == null) {
                broken = failure instanceof WorkerDiedException ? failure : new WorkerDiedException(
                        "worker " + slot + " could not start its work: " + failure, worker.name(), worker.pid(),
                        null, failure);
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
        sendDirectly();
    }

    /**
     * Stops everything now: the work not sent yet fails with a {@link CancellationException}, except
     * single tasks, which are returned; the workers are killed and their work fails too.
     *
     * @return the single tasks that never ran
     */
    public List<Runnable> terminate() {
        List<Runnable> unstarted = new ArrayList<>();
        List<Runnable> outcomes = new ArrayList<>();
        List<ChildProcess> kill = new ArrayList<>();
        lock.lock();
        try {
            if (state == State.TERMINATED) {
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
                    kill.add(slot.worker());
                }
            }
            changed.signalAll();
            terminateIfDone();
        } finally {
            lock.unlock();
        }
        outcomes.forEach(Runnable::run);
        kill.forEach(ChildProcess::kill);
        return unstarted;
    }

    private void terminateIfDone() {
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
