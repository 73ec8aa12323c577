package org.multiprocessing4j.internal.pool;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;

/**
 * One place for a worker in a pool, with the pipe its workers use one after the other: a worker
 * that is replaced hands the pipe to the next, so replacing workers (after a death, a timeout, or
 * {@code maxTasksPerChild}) allocates no shared memory.
 *
 * <p>The parent keeps its own copy of the worker's end, so a worker's exit is no end of data to
 * the slot's reader (its exit is announced by an interrupt instead), and each new worker receives
 * a copy of it. Between two workers the parent reads away, through that copy, whatever the old
 * worker left unread, since those batches were already sent again or failed.
 *
 * <p>The slot's reader thread reads every answer of its workers and hands it to the engine; the
 * engine lets one thread at a time send (see {@link PoolEngine}). Fields marked so are guarded
 * by the engine's lock.
 */
final class WorkerSlot {

    private static final Duration DRAIN_POLL = Duration.ofMillis(10);

    final int index;
    private final PoolEngine engine;
    private final PipeEnd parentEnd;
    private final PipeEnd workerEnd;
    private volatile ChildProcess worker;
    private final Thread reader;

    // guarded by the engine's lock
    final ArrayDeque<TaskBatch> inflight = new ArrayDeque<>();
    int batchesSent;
    boolean stopSent;
    boolean sending;
    /** Whether the worker has said it is ready: until then, no batch's timeout runs. */
    boolean ready;
    long queuedBytes;
    boolean ended;
    boolean closed;
    TaskBatch killedFor;
    Throwable killReason;

    /** Whether the worker said it retires (after its {@code maxTasksPerChild}); the reader's own. */
    boolean retiring;

    // only the thread that marked the slot as being sent to
    private final FunctionCache<Boolean> functionsSent = new FunctionCache<>();
    private ByteBuffer out = ByteBuffer.allocate(4096);

    WorkerSlot(PoolEngine engine, int index, Pipe pipe) {
        this.engine = engine;
        this.index = index;
        this.parentEnd = pipe.left();
        this.workerEnd = pipe.right();
        this.reader = new Thread(this::readAnswers, "multiprocessing4j-pool-reader-" + index);
        reader.setDaemon(true);
    }

    /** The worker now in the slot. */
    ChildProcess worker() {
        return worker;
    }

    /** Starts the slot's first worker and its reader. */
    void open(ChildProcess first) {
        worker = first;
        reader.start();
    }

    /**
     * A worker process for this slot, not started: it runs {@link WorkerLoop} on the slot's pipe.
     *
     * @param settings the pool's settings
     * @param name the worker's name
     * @return the process
     */
    ChildProcess newWorker(PoolSettings settings, String name) {
        SerializableRunnable target = target(workerEnd, settings.serializer(), settings.initializer(),
                settings.maxTasksPerChild(), settings.taskTimeout() == null);
        ChildProcess process = settings.context().process(target).name(name).daemon(true);
        if (settings.jvmOptions().length > 0) {
            process.jvmOptions(settings.jvmOptions());
        }
        return process;
    }

    private static SerializableRunnable target(PipeEnd end, Serializer serializer, SerializableRunnable initializer,
            int maxBatches, boolean holdAnswers) {
        return () -> WorkerLoop.run(end, serializer, initializer, maxBatches, holdAnswers);
    }

    /**
     * Sends {@code batch} to the worker; by the thread that marked the slot as being sent to.
     *
     * @throws IOException if the worker's end is gone: its death is handled by the reader
     */
    void send(TaskBatch batch) throws IOException, InterruptedException {
        out.clear();
        EncodedFunction function = batch.job.function;
        out.put(PoolMessages.TASKS).putLong(batch.id).putLong(function.id());
        boolean known = functionsSent.get(function.id()) != null;
        if (known) {
            out.putInt(PoolMessages.NO_FUNCTION);
        } else {
            out.putInt(function.bytes().length);
            out = PoolMessages.putBytes(function.bytes(), out);
        }
        out = PoolMessages.putBytes(batch.arguments, out);
        parentEnd.sendBytes(out.array(), 0, out.position());
        if (!known) {
            // only once it is sent: a send that failed is tried again with the function
            functionsSent.put(function.id(), Boolean.TRUE);
        }
    }

    /** Tells the worker to exit once its batches are done; as {@link #send}. */
    void sendStop() throws IOException, InterruptedException {
        parentEnd.sendBytes(new byte[] {PoolMessages.STOP});
    }

    /**
     * Makes the slot ready for another worker once the last one has ended; on the reader thread.
     * Not to be cut short by an interrupt: the old worker's exit may still be announced to the
     * reader by one, and a slot left half handed over would wait for ever.
     *
     * @param next the next worker, not started
     */
    void handOver(ChildProcess next) {
        try {
            drainWorkerEnd(message -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear a worker's pipe", e);
        }
        functionsSent.clear();
        engine.lock.lock();
        try {
            ready = false;
        } finally {
            engine.lock.unlock();
        }
        worker = next;
    }

    /**
     * The ids of the batches the slot's ended worker never received, read out of its pipe: those
     * never started. On the reader thread, when the pool stops, instead of a hand-over; as there,
     * a send in progress is waited for. The parent's copy of the worker's end is then closed: no
     * worker follows.
     */
    Set<Long> unreceivedBatches() {
        Set<Long> ids = new HashSet<>();
        try {
            drainWorkerEnd(bytes -> {
                ByteBuffer message = ByteBuffer.wrap(bytes);
                if (message.get() == PoolMessages.TASKS) {
                    ids.add(message.getLong());
                }
            });
        } catch (IOException e) {
            // what could not be read counts as received: its tasks fail rather than run twice
        }
        workerEnd.close();
        return ids;
    }

    /**
     * Reads what the ended worker left unread in its pipe, waiting for a send in progress, and
     * hands each message to {@code each}. An interrupt does not cut it short: it is for the old
     * worker, and by the end stale, so it is cleared.
     */
    private void drainWorkerEnd(Consumer<byte[]> each) throws IOException {
        while (engine.sender.isSending(this) || workerEnd.poll()) {
            try {
                if (workerEnd.poll(DRAIN_POLL)) {
                    each.accept(workerEnd.recvBytes());
                }
            } catch (InterruptedException e) {
                // read on: see above
            }
        }
        Thread.interrupted();
    }

    /** Whether the calling thread is this slot's reader. */
    boolean isCurrentReader() {
        return Thread.currentThread() == reader;
    }

    /** Starts {@code process} as the slot's worker, watched for its exit. */
    void launch(ChildProcess process) {
        process.start();
        process.onExit().thenRun(() -> workerExited(process));
    }

    /** Wakes the reader to look at the worker's exit (a worker that dies early never writes). */
    void workerExited(ChildProcess process) {
        if (process == worker) {
            reader.interrupt();
        }
    }

    private void readAnswers() {
        while (true) {
            ChildProcess current = worker;
            try {
                readUntilEnd(current);
                if (!engine.turnover.workerEnded(this, current)) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                // a pipe that fails otherwise than by its end (a backend's connection lost) breaks
                // the pool: its calls fail rather than wait for answers that cannot come
                engine.slotFailed(this, e);
                return;
            }
        }
    }

    /** Hands each answer of {@code current} to the engine until it has ended. */
    private void readUntilEnd(ChildProcess current) {
        while (true) {
            byte[] answer;
            try {
                answer = parentEnd.recvBytes();
            } catch (EOFException e) {
                return;
            } catch (InterruptedException e) {
                if (current.onExit().isDone()) {
                    drain();
                    return;
                }
                continue;
            } catch (IOException e) {
                return;
            }
            if (!engine.answers.answered(this, answer)) {
                return;
            }
        }
    }

    /** Reads what an exited worker wrote before it exited. */
    private void drain() {
        try {
            while (parentEnd.poll()) {
                if (!engine.answers.answered(this, parentEnd.recvBytes())) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the end of data, or a closed pool: nothing more to read
        }
    }

    /** Closes the parent's copies of both ends; after the slot's last worker. */
    void close() {
        parentEnd.close();
        workerEnd.close();
    }

    /** The pid of {@code process}, or -1 if it never started. */
    static long pidOf(ChildProcess process) {
        try {
            return process.pid();
        } catch (IllegalStateException notStarted) {
            return -1;
        }
    }

    @Override
    public String toString() {
        ChildProcess current = worker;
        return current == null ? "slot " + index : current.name() + " (pid " + pidOf(current) + ")";
    }
}
