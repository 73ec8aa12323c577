package org.multiprocessing4j.internal.local;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.multiprocessing4j.BrokenPipeException;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.serial.BufferedSerializer;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link PipeEnd}: one {@link MessageRing} of 1 MiB in shared memory per
 * direction, this end reading one and writing the other. Which process holds each end is recorded
 * in the rings ({@link MessageRing#claimReading()}, {@link MessageRing#claimWriting()}), so that a
 * holder's death is an end of data for a reader and a broken pipe for a writer. A death is noticed
 * by looking at the holder's process at most every 100 ms, so a message sent into a pipe with room
 * in the moment after the holder died may be lost with it; a sender waiting for room learns of the
 * death within about 100 ms.
 */
public final class LocalPipeEnd implements PipeEnd, RingBacked, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient MessageRing in;
    private final transient MessageRing out;
    private final transient BufferedSerializer serializer;
    private transient volatile boolean closed;

    /** An end held by this process: the one that creates it, or receives it from another. */
    private LocalPipeEnd(MessageRing in, MessageRing out, BufferedSerializer serializer) {
        this.in = in;
        this.out = out;
        this.serializer = serializer;
        if (in != null) {
            in.claimReading();
        }
        if (out != null) {
            out.claimWriting();
        }
    }

    /**
     * A new pipe; a one-way pipe carries messages from its right end to its left end.
     *
     * @param shm where its rings are made
     * @param duplex whether messages go both ways
     * @param serializer how objects are sent
     * @return the two ends
     */
    public static Pipe create(SegmentDirectory shm, boolean duplex, Serializer serializer) {
        BufferedSerializer buffered = BufferedSerializer.of(serializer);
        MessageRing toLeft = MessageRing.create(shm, MessageRing.DEFAULT_CAPACITY, 0);
        toLeft.claimWriting();
        if (!duplex) {
            return new Pipe(new LocalPipeEnd(toLeft, null, buffered), new LocalPipeEnd(null, toLeft, buffered));
        }
        MessageRing toRight = MessageRing.create(shm, MessageRing.DEFAULT_CAPACITY, 0);
        toRight.claimWriting();
        return new Pipe(new LocalPipeEnd(toLeft, toRight, buffered), new LocalPipeEnd(toRight, toLeft, buffered));
    }

    @Override
    public void send(Object message) throws IOException, InterruptedException {
        ByteBuffer bytes = serializer.encode(message);
        sendBytes(bytes.array(), bytes.arrayOffset(), bytes.limit());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv() throws IOException, InterruptedException {
        return (T) serializer.decode(recvBytes());
    }

    @Override
    public void sendBytes(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        MessageRing ring = writing();
        if (ring.isReaderGone()) {
            throw brokenPipe(ring, "");
        }
        if (!ring.write(bytes, offset, length, WaitGate.FOREVER)) {
            throw brokenPipe(ring, " while this end waited to send");
        }
    }

    @Override
    public byte[] recvBytes() throws IOException, InterruptedException {
        return reading().read(WaitGate.FOREVER, MessageRing.WRITER_GONE);
    }

    @Override
    public boolean poll() throws IOException {
        try {
            return reading().await(0, MessageRing.WRITER_GONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        return reading().await(Math.max(0, timeout.toNanos()), MessageRing.WRITER_GONE);
    }

    @Override
    public boolean isReadable() {
        return in != null;
    }

    @Override
    public boolean isWritable() {
        return out != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (out != null) {
                out.closeWriting();
            }
            if (in != null) {
                in.closeReading();
            }
        }
    }

    @Override
    public boolean isReady() {
        try {
            return closed || in == null || poll();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public MessageRing readRing() {
        return in;
    }

    private static BrokenPipeException brokenPipe(MessageRing ring, String when) {
        return new BrokenPipeException(ring.isReadingClosed()
                ? "the other end of the pipe was closed" + when
                : "the process holding the other end of the pipe has exited" + when);
    }

    private MessageRing reading() throws IOException {
        if (closed) {
            throw new IOException("this end of the pipe is closed");
        }
        if (in == null) {
            throw new IOException("this is the sending end of a one-way pipe");
        }
        return in;
    }

    private MessageRing writing() throws IOException {
        if (closed) {
            throw new IOException("this end of the pipe is closed");
        }
        if (out == null) {
            throw new IOException("this is the receiving end of a one-way pipe");
        }
        return out;
    }

    @Override
    public String toString() {
        return "PipeEnd[" + (closed ? "closed" : (isReadable() ? "r" : "") + (isWritable() ? "w" : "")) + "]";
    }

    /** Crosses into another process as a handle to the same rings; that process now holds the end. */
    private Object writeReplace() {
        return new Handle(in == null ? null : in.handle(), out == null ? null : out.handle(), serializer);
    }

    private void readObject(ObjectInputStream stream) throws InvalidObjectException {
        throw new InvalidObjectException("a pipe end is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final MessageRing.Handle in;
        private final MessageRing.Handle out;
        private final BufferedSerializer serializer;

        Handle(MessageRing.Handle in, MessageRing.Handle out, BufferedSerializer serializer) {
            this.in = in;
            this.out = out;
            this.serializer = serializer;
        }

        @Override
        protected Object bind() {
            return new LocalPipeEnd(in == null ? null : MessageRing.attach(in),
                    out == null ? null : MessageRing.attach(out), serializer);
        }
    }
}
