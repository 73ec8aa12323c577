package org.multiprocessing4j.internal.pool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
 */
public final class WorkerLoop {

    private final PipeEnd pipe;
    private final Serializer serializer;
    private final FunctionCache<SerializableFunction<Object, Object>> functions = new FunctionCache<>();
    private ByteBuffer out = ByteBuffer.allocate(4096);

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
     * @throws Exception the initializer's exception, after the parent was told
     */
    public static void run(PipeEnd pipe, Serializer serializer, SerializableRunnable initializer, int maxBatches)
            throws Exception {
        WorkerLoop worker = new WorkerLoop(pipe, serializer);
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable failure) {
                worker.send(ByteBuffer.allocate(1).put(PoolMessages.INIT_FAILED), ThrowableTransport.encode(failure));
                throw failure;
            }
        }
        int ran = 0;
        while (maxBatches == 0 || ran < maxBatches) {
            byte[] message;
            try {
                message = pipe.recvBytes();
            } catch (EOFException parentGone) {
                return;
            }
            ByteBuffer in = ByteBuffer.wrap(message);
            if (in.get() == PoolMessages.STOP) {
                return;
            }
            worker.runBatch(in);
            ran++;
        }
        worker.out.clear();
        worker.out.put(PoolMessages.RETIRING);
        pipe.sendBytes(worker.out.array(), 0, 1);
    }

    private void runBatch(ByteBuffer in) throws IOException, InterruptedException {
        long batch = in.getLong();
        long job = in.getLong();
        int functionLength = in.getInt();
        List<Object> results = new ArrayList<>();
        int index = 0;
        try {
            SerializableFunction<Object, Object> function = function(job, functionLength, in);
            List<?> arguments = PoolMessages.asList(PoolMessages.getRest(serializer, in));
            for (int count = arguments.size(); index < count; index++) {
                results.add(function.apply(arguments.get(index)));
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
        pipe.sendBytes(out.array(), 0, out.position());
    }

    @SuppressWarnings("unchecked")
    private SerializableFunction<Object, Object> function(long job, int length, ByteBuffer in) throws Exception {
        if (length == PoolMessages.NO_FUNCTION) {
            SerializableFunction<Object, Object> known = functions.get(job);
            if (known == null) {
                throw new IllegalStateException("the worker does not hold the function of job " + job);
            }
            return known;
        }
        SerializableFunction<Object, Object> function =
                (SerializableFunction<Object, Object>) PoolMessages.getSlice(serializer, in, length);
        functions.put(job, function);
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
        pipe.sendBytes(out.array(), 0, out.position());
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
