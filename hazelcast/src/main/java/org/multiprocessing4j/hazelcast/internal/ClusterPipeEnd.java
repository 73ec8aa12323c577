package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.map.IMap;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.BrokenPipeException;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;
import org.multiprocessing4j.spi.Waiter;

/**
 * A pipe end on the cluster, laid out as {@link PipeLayout} says: it receives from the queue of
 * its own key and sends to its peer's. Its holders are counted as {@link EndHolders} and
 * {@link EndCopies} say, so that the end of data and the broken pipe come when every process that
 * held the peer has closed it or left the cluster, as with a local pipe. Both learn that the
 * other end is gone from this JVM's {@link EndWatch}, without a round trip. A receive waits on a
 * take parked on the member for this JVM ({@link ParkedTakes}), which keeps what an interrupted
 * receive would have had for the next one; a wait for readiness sleeps on the queue's changes in
 * this JVM ({@link QueueWatch}).
 */
final class ClusterPipeEnd implements PipeEnd, QueueWatch.Watched, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Cleaner CLEANER = Cleaner.create();
    /** What a receive finds when the sender is gone and nothing is left. */
    private static final byte[] END_OF_DATA = {PipeLayout.END};

    private final transient ClusterRuntime runtime;
    private final transient String key;
    private final transient boolean reads;
    private final transient boolean writes;
    private final transient Serializer serializer;
    /** Gives this copy's hold up: at {@link #close()}, or once the copy is collected. */
    private final transient Cleaner.Cleanable copy;
    private transient volatile boolean closed;

    private ClusterPipeEnd(ClusterRuntime runtime, String key, boolean reads, boolean writes, Serializer serializer,
            Runnable release) {
        this.runtime = runtime;
        this.key = key;
        this.reads = reads;
        this.writes = writes;
        this.serializer = serializer;
        this.copy = release == null ? null : CLEANER.register(this, release);
        this.closed = release == null;
    }

    static Pipe create(ClusterRuntime runtime, boolean duplex, Serializer serializer) {
        Objects.requireNonNull(serializer, "serializer");
        if (EndCopies.firstPipe(runtime.instance())) {
            runtime.instance().getConfig().addQueueConfig(
                    new QueueConfig(PipeLayout.QUEUES + "*").setMaxSize(PipeLayout.QUEUE_BOUND));
        }
        String pipe = UUID.randomUUID().toString();
        String left = PipeLayout.key(pipe, true);
        String right = PipeLayout.key(pipe, false);
        EndHolders.Holder me = EndCopies.processHolder(runtime);
        IMap<String, EndHolders> holders = runtime.instance().getMap(PipeLayout.HOLDERS);
        holders.putAll(Map.of(left, new EndHolders(List.of(me), true, duplex),
                right, new EndHolders(List.of(me), duplex, true)));
        return new Pipe(new ClusterPipeEnd(runtime, left, true, duplex, serializer, EndCopies.created(runtime, left)),
                new ClusterPipeEnd(runtime, right, duplex, true, serializer, EndCopies.created(runtime, right)));
    }

    private IQueue<byte[]> in() {
        return runtime.instance().getQueue(PipeLayout.queue(key));
    }

    @Override
    public void send(Object message) throws IOException, InterruptedException {
        // pipe ends in a message that is not sent are given back
        int mark = InFlightHolds.begin();
        boolean sent = false;
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256).put(PipeLayout.MESSAGE);
            buffer = serializer.serialize(message, buffer);
            buffer.flip();
            send(buffer.array(), 1, buffer.limit() - 1, buffer.limit() - 1 <= PipeLayout.WHOLE
                    ? Arrays.copyOf(buffer.array(), buffer.limit()) : null);
            sent = true;
        } finally {
            InFlightHolds.end(mark, sent);
        }
    }

    @Override
    public Object recv() throws IOException, InterruptedException {
        byte[] bytes = recvBytes();
        try {
            return serializer.deserialize(ByteBuffer.wrap(bytes));
        } catch (ClassNotFoundException e) {
            throw new IOException("a message names a class this process does not have: " + e.getMessage(), e);
        }
    }

    @Override
    public void sendBytes(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        byte[] element = null;
        if (length <= PipeLayout.WHOLE) {
            element = new byte[length + 1];
            System.arraycopy(bytes, offset, element, 1, length);
        }
        send(bytes, offset, length, element);
    }

    /** Sends a message: {@code element} if it fits one element of the queue, else in parts. */
    private void send(byte[] bytes, int offset, int length, byte[] element) throws IOException, InterruptedException {
        writable();
        if (runtime.endWatch().gone(PipeLayout.peer(key))) {
            throw brokenPipe("");
        }
        if (element != null) {
            offer(element);
            return;
        }
        PipeParts parts = new PipeParts(runtime, key);
        offer(parts.descriptor(length));
        parts.send(bytes, offset, length);
    }

    private void offer(byte[] element) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        String peer = PipeLayout.peer(key);
        if (runtime.partitionCalls().offer(PipeLayout.queue(peer), element)) {
            return;
        }
        // the queue is full: wait for room, or for the receivers to go
        String out = PipeLayout.queue(peer);
        Boolean sent = runtime.queueWatch().until(out,
                () -> runtime.partitionCalls().offer(out, element) ? Boolean.TRUE : runtime.endWatch().gone(peer) ? Boolean.FALSE : null,
                Long.MAX_VALUE);
        if (!sent) {
            throw brokenPipe(" while this end waited to send");
        }
    }

    @Override
    public byte[] recvBytes() throws IOException, InterruptedException {
        String peer = PipeLayout.peer(key);
        byte[] element;
        do {
            readable();
            element = runtime.parkedTakes().next(key);
            // the sender gone and nothing left: the end of data, even if its element found no room
            if (element == null && runtime.endWatch().gone(peer) && ClusterCalls.regardless(in()::isEmpty)) {
                element = END_OF_DATA;
            }
        } while (element == null);
        if (element[0] == PipeLayout.END) {
            // the end of data stays, for every receiver, behind anything given back after it
            byte[] end = element;
            element = ClusterCalls.regardless(in()::poll);
            ClusterCalls.regardless(() -> in().offer(end));
            if (element == null || element[0] == PipeLayout.END) {
                throw endOfData();
            }
        }
        return element[0] == PipeLayout.MESSAGE ? Arrays.copyOfRange(element, 1, element.length)
                : new PipeParts(runtime, key).receive(ByteBuffer.wrap(element, 1, element.length - 1));
    }

    @Override
    public boolean poll() throws IOException {
        readable();
        return runtime.parkedTakes().holds(key) || ClusterCalls.regardless(() -> !in().isEmpty())
                || runtime.endWatch().gone(PipeLayout.peer(key));
    }

    @Override
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        readable();
        return runtime.queueWatch().await(List.of(this), this::isReady,
                Math.max(0, TimeUnit.NANOSECONDS.convert(timeout)));
    }

    @Override
    public boolean isReadable() {
        return reads;
    }

    @Override
    public boolean isWritable() {
        return writes;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            copy.clean();
        }
    }

    @Override
    public boolean isReady() {
        try {
            return closed || !reads || poll();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public Waiter waiter() {
        return runtime.queueWatch();
    }

    @Override
    public String watchedQueue() {
        return PipeLayout.queue(key);
    }

    private void readable() throws IOException {
        if (closed) {
            throw new IOException("this end of the pipe is closed");
        }
        if (!reads) {
            throw new IOException("this is the sending end of a one-way pipe");
        }
    }

    private void writable() throws IOException {
        if (closed) {
            throw new IOException("this end of the pipe is closed");
        }
        if (!writes) {
            throw new IOException("this is the receiving end of a one-way pipe");
        }
    }

    static BrokenPipeException brokenPipe(String when) {
        return new BrokenPipeException("every process that held the other end of the pipe has closed it or exited"
                + when);
    }

    private static EOFException endOfData() {
        return new EOFException("every process that held the other end of the pipe has closed it or exited");
    }

    @Override
    public String toString() {
        return "PipeEnd[" + (closed ? "closed" : (reads ? "r" : "") + (writes ? "w" : "")) + "]";
    }

    /**
     * Crosses into another process as a handle to the same end, held in flight under a token until
     * that process has it; that process then holds the end too, as this one still does.
     */
    private Object writeReplace() throws ObjectStreamException {
        if (closed) {
            throw new InvalidObjectException("a closed pipe end cannot be sent");
        }
        return new Handle(runtime.options().asMap(), key, reads, writes, serializer, EndCopies.send(runtime, key));
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a pipe end is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String key;
        private final boolean reads;
        private final boolean writes;
        private final Serializer serializer;
        private final String token;

        Handle(Map<String, String> options, String key, boolean reads, boolean writes, Serializer serializer,
                String token) {
            this.options = Map.copyOf(options);
            this.key = key;
            this.reads = reads;
            this.writes = writes;
            this.serializer = serializer;
            this.token = token;
        }

        /** A copy seen only for a look, or one of an end that is gone, is closed and holds nothing. */
        @Override
        protected Object bind() {
            ClusterRuntime runtime = ClusterRuntime.of(ClusterOptions.of(options));
            Runnable release = InFlightHolds.looking() ? null : EndCopies.received(runtime, key, token);
            return new ClusterPipeEnd(runtime, key, reads, writes, serializer, release);
        }
    }
}
