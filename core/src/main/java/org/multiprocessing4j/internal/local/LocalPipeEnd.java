package org.multiprocessing4j.internal.local;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.BrokenPipeException;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.channel.RingHolders;
import org.multiprocessing4j.internal.shm.SentEnds;
import org.multiprocessing4j.internal.serial.BufferedSerializer;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link PipeEnd}: one {@link MessageRing} of 1 MiB in shared memory per
 * direction, this end reading one and writing the other. Which processes hold each end is kept in
 * the rings (see {@code RingHolders}): this copy holds its ring ends from its creation, or its
 * arrival in this process, until it is closed; a copy on its way to another process is held by its
 * sender until it arrives. The death of a holder is noticed by looking at its process at most every
 * 100 ms, so a message sent into a pipe with room in the moment after the last reader died may be
 * lost with it; a sender waiting for room learns of the death within about 100 ms.
 */
public final class LocalPipeEnd implements PipeEnd, RingBacked, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient MessageRing in;
    private final transient MessageRing out;
    private final transient BufferedSerializer serializer;
    /** Gives this end's holds up: at {@link #close()}, or once the end is collected. */
    private final transient Cleaner.Cleanable holds;
    private transient volatile boolean closed;

    private LocalPipeEnd(MessageRing in, RingHolders.Hold inHold, MessageRing out, RingHolders.Hold outHold,
            BufferedSerializer serializer) {
        this.in = in;
        this.out = out;
        this.serializer = serializer;
        this.holds = inHold == null && outHold == null ? null
                : RingHolders.releaseWhenUnreachable(this, outHold, inHold);
    }

    /**
     * Reads an object for a look only (a queue's snapshot): a pipe end in it comes as a closed copy,
     * which holds nothing, since nobody would close it; only the element taken is the end itself.
     *
     * @param serializer how the object was written
     * @param bytes the object
     * @return the object
     * @throws IOException if it cannot be read
     */
    static Object decodeForALook(BufferedSerializer serializer, byte[] bytes) throws IOException {
        SentEnds.startLooking();
        try {
            return serializer.decode(bytes);
        } finally {
            SentEnds.stopLooking();
        }
    }

    /** An end made in this process, which holds it. */
    private static LocalPipeEnd held(MessageRing in, MessageRing out, BufferedSerializer serializer) {
        return new LocalPipeEnd(in, in == null ? null : in.holdReading(), out, out == null ? null : out.holdWriting(),
                serializer);
    }

    /**
     * A new pipe, both of its ends held by this process; a one-way pipe carries messages from its
     * right end to its left end.
     *
     * @param shm where its rings are made
     * @param duplex whether messages go both ways
     * @param serializer how objects are sent
     * @return the two ends
     */
    public static Pipe create(SegmentDirectory shm, boolean duplex, Serializer serializer) {
        BufferedSerializer buffered = BufferedSerializer.of(serializer);
        MessageRing toLeft = MessageRing.createForPipe(shm, MessageRing.DEFAULT_CAPACITY);
        if (!duplex) {
            return new Pipe(held(toLeft, null, buffered), held(null, toLeft, buffered));
        }
        MessageRing toRight = MessageRing.createForPipe(shm, MessageRing.DEFAULT_CAPACITY);
        return new Pipe(held(toLeft, toRight, buffered), held(toRight, toLeft, buffered));
    }

    @Override
    public void send(Object message) throws IOException, InterruptedException {
        // pipe ends in a message that is not sent are given back (see SentEnds)
        int mark = SentEnds.begin();
        boolean whole = false;
        try {
            ByteBuffer bytes = serializer.encode(message);
            sendBytes(bytes.array(), bytes.arrayOffset(), bytes.limit());
            whole = true;
        } finally {
            SentEnds.end(mark, whole);
        }
    }

    @Override
    public Object recv() throws IOException, InterruptedException {
        return serializer.decode(recvBytes());
    }

    @Override
    public void sendBytes(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        MessageRing ring = writing();
        if (ring.isReaderGone()) {
            throw brokenPipe("");
        }
        if (!ring.write(bytes, offset, length, WaitGate.FOREVER)) {
            throw brokenPipe(" while this end waited to send");
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
        return reading().await(Math.max(0, TimeUnit.NANOSECONDS.convert(timeout)), MessageRing.WRITER_GONE);
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
            if (holds != null) {
                holds.clean();
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

    private static BrokenPipeException brokenPipe(String when) {
        return new BrokenPipeException("every process that held the other end of the pipe has closed it or exited"
                + when);
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

    /**
     * Crosses into another process as a handle to the same rings, held in flight until the other
     * process has it; that process then holds the end too, as this one still does.
     */
    private Object writeReplace() throws ObjectStreamException {
        if (closed) {
            throw new InvalidObjectException("a closed pipe end cannot be sent");
        }
        return new Handle(in == null ? null : in.handle(), in == null ? null : in.sendReading(),
                out == null ? null : out.handle(), out == null ? null : out.sendWriting(), serializer);
    }

    private void readObject(ObjectInputStream stream) throws InvalidObjectException {
        throw new InvalidObjectException("a pipe end is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final MessageRing.Handle in;
        private final RingHolders.InFlight inFlight;
        private final MessageRing.Handle out;
        private final RingHolders.InFlight outFlight;
        private final BufferedSerializer serializer;

        Handle(MessageRing.Handle in, RingHolders.InFlight inFlight, MessageRing.Handle out,
                RingHolders.InFlight outFlight, BufferedSerializer serializer) {
            this.in = in;
            this.inFlight = inFlight;
            this.out = out;
            this.outFlight = outFlight;
            this.serializer = serializer;
        }

        @Override
        protected Object bind() {
            if (SentEnds.looking()) {
                LocalPipeEnd seen = new LocalPipeEnd(null, null, null, null, serializer);
                seen.closed = true;
                return seen;
            }
            MessageRing reading = in == null ? null : MessageRing.attach(in);
            MessageRing writing = out == null ? null : MessageRing.attach(out);
            return new LocalPipeEnd(reading, reading == null ? null : reading.receiveReading(inFlight),
                    writing, writing == null ? null : writing.receiveWriting(outFlight), serializer);
        }
    }
}
