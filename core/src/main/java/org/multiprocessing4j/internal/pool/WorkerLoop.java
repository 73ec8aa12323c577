package org.multiprocessing4j.internal.pool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.function.SerializableFunction;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.spi.Serializer;

/**
 * What a worker process runs: its initializer once, then batches from its pipe, one at a time in
 * the order they came, answering each with its results or the first exception, until it is told to
 * stop, has run its quota of batches, or the parent is gone.
 *
 * <p>While more batches are waiting in its pipe, a worker may hold the answers of quick batches
 * (under {@value #QUICK_NANOS} ns) and send them together once the pipe is empty (or
 * {@value #MOST_HELD} are held): with short tasks the parent is then woken once for many answers,
 * not once for each. A longer batch is answered at once, and everything held with it, since the
 * parent waits for answers to send more. Not with task timeouts, where an answer held back would
 * make a finished task look late.
 */
public final class WorkerLoop {

    /** The most answers sent together. */
    private static final int MOST_HELD = 64;
    /** A batch that ran longer is answered at once: the parent waits for its place to send more. */
    private static final long QUICK_NANOS = 50_000;
    private static final int HELD_START = 1 + Integer.BYTES;
    private static final int SLOW_ASKS_BEFORE_GIVING_UP = 3;

    private final PipeEnd pipe;
    private final Serializer serializer;
    private final FunctionCache<SerializableFunction<Object, Object>> functions = new FunctionCache<>();
    private ByteBuffer out = ByteBuffer.allocate(4096);
    /** How many of the last looks at the pipe in a row took longer than a quick batch. */
    private int slowAsks;
    /** Answers not sent yet, after room for an ANSWERS header: each an int length and the answer. */
    private ByteBuffer held = ByteBuffer.allocate(4096).position(HELD_START);
    private int heldCount;

    private WorkerLoop(PipeEnd pipe, Serializer serializer) {
        this.pipe = pipe;
        this.serializer = serializer;
    }

    /**
     * Runs a worker.
     *
     * @param pipe the worker's end of its pipe
     * @param serializer the pool's serializer
     * @param initializer run first, or {@code null}
     * @param maxBatches how many batches to run before exiting, 0 for no limit
     * @param holdAnswers whether answers may be held while more batches wait
     * @throws Exception the initializer's exception, after the parent was told
     */
    public static void run(PipeEnd pipe, Serializer serializer, SerializableRunnable initializer, int maxBatches,
            boolean holdAnswers) throws Exception {
        WorkerLoop worker = new WorkerLoop(pipe, serializer);
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable failure) {
                worker.out.clear();
                worker.send(worker.out.put(PoolMessages.INIT_FAILED), ThrowableTransport.encode(failure));
                worker.flush();
                throw failure;
            }
        }
        // the timeout of the first batch starts now, not while the worker was starting
        pipe.sendBytes(new byte[] {PoolMessages.READY});
        int ran = 0;
        while (maxBatches == 0 || ran < maxBatches) {
            byte[] message;
            try {
                message = pipe.recvBytes();
            } catch (EOFException parentGone) {
                worker.flush();
                return;
            }
            ByteBuffer in = ByteBuffer.wrap(message);
            if (in.get() == PoolMessages.STOP) {
                worker.flush();
                return;
            }
            long begin = System.nanoTime();
            worker.runBatch(in);
            ran++;
            boolean quick = System.nanoTime() - begin < QUICK_NANOS;
            if (!holdAnswers || !quick || worker.heldCount == MOST_HELD || !worker.moreWaiting()) {
                worker.flush();
            }
        }
        worker.flush();
        worker.out.clear();
        worker.out.put(PoolMessages.RETIRING);
        pipe.sendBytes(worker.out.array(), 0, 1);
    }

    /**
     * Whether more batches wait in the pipe. Where asking takes longer than a quick batch (a pipe
     * whose every look is a network round trip), a few times in a row, the worker stops asking
     * and answers each batch at once: holding answers would then cost more than it saves.
     */
    private boolean moreWaiting() throws IOException {
        if (slowAsks >= SLOW_ASKS_BEFORE_GIVING_UP) {
            return false;
        }
        long begin = System.nanoTime();
        boolean more = pipe.poll();
        slowAsks = System.nanoTime() - begin < QUICK_NANOS ? 0 : slowAsks + 1;
        return more;
    }

    private void runBatch(ByteBuffer in) throws IOException, InterruptedException {
        long batch = in.getLong();
        long functionId = in.getLong();
        int functionLength = in.getInt();
        List<Object> results = List.of();
        int index = 0;
        try {
            SerializableFunction<Object, Object> function = function(functionId, functionLength, in);
            List<?> arguments = PoolMessages.asList(PoolMessages.getRest(serializer, in));
            // an array list's every add would check its room; the array is filled once, in order
            Object[] values = new Object[arguments.size()];
            results = Arrays.asList(values);
            for (; index < values.length; index++) {
                values[index] = function.apply(arguments.get(index));
            }
        } catch (Throwable failure) {
            fail(batch, index, results, failure);
            return;
        }
        ByteBuffer buffer = header(PoolMessages.DONE, batch);
        try {
            out = serializer.serialize(results, buffer);
        } catch (UnserializableObjectException e) {
            fail(batch, firstUnserializable(results), results, e);
            return;
        }
        hold();
    }

    /** Adds the answer in {@code out} to those held. */
    private void hold() {
        int length = out.position();
        held = Serializer.grow(held, Integer.BYTES + length);
        held.putInt(length).put(out.array(), 0, length);
        heldCount++;
    }

    /** Sends the answers held: one alone as it is, more behind an ANSWERS header. */
    private void flush() throws IOException, InterruptedException {
        if (heldCount == 1) {
            pipe.sendBytes(held.array(), HELD_START + Integer.BYTES, held.position() - HELD_START - Integer.BYTES);
        } else if (heldCount > 1) {
            held.put(0, PoolMessages.ANSWERS).putInt(1, heldCount);
            pipe.sendBytes(held.array(), 0, held.position());
        }
        heldCount = 0;
        held.position(HELD_START);
    }

    @SuppressWarnings("unchecked")
    private SerializableFunction<Object, Object> function(long id, int length, ByteBuffer in) throws Exception {
        if (length == PoolMessages.NO_FUNCTION) {
            SerializableFunction<Object, Object> known = functions.get(id);
            if (known == null) {
                throw new IllegalStateException("the worker does not hold function " + id);
            }
            return known;
        }
        SerializableFunction<Object, Object> function =
                (SerializableFunction<Object, Object>) PoolMessages.getSlice(serializer, in, length);
        functions.put(id, function);
        return function;
    }

    /** Reports that item {@code index} failed, with the results of the items before it. */
    private void fail(long batch, int index, List<Object> results, Throwable failure)
            throws IOException, InterruptedException {
        ByteBuffer buffer = header(PoolMessages.FAILED, batch).putInt(index);
        try {
            buffer = PoolMessages.putSized(serializer, new ArrayList<>(results.subList(0, index)), buffer);
        } catch (UnserializableObjectException e) {
            // an earlier result cannot travel: that item is the first failure
            fail(batch, firstUnserializable(results), results, e);
            return;
        }
        send(buffer, ThrowableTransport.encode(failure));
    }

    private ByteBuffer header(byte kind, long batch) {
        out.clear();
        return out.put(kind).putLong(batch);
    }

    private void send(ByteBuffer head, byte[] tail) throws IOException, InterruptedException {
        out = PoolMessages.putBytes(tail, head);
        hold();
    }

    private int firstUnserializable(List<Object> results) {
        for (int i = 0; i < results.size(); i++) {
            try {
                serializer.serialize(results.get(i), ByteBuffer.allocate(64));
            } catch (UnserializableObjectException e) {
                return i;
            }
        }
        throw new IllegalStateException("every result serializes alone");
    }
}
