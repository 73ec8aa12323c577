package org.multiprocessing4j;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.multiprocessing4j.internal.channel.MessageRing;
import org.multiprocessing4j.internal.serial.ObjectCodec;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. Objects are
 * sent serialized by the pipe's {@link org.multiprocessing4j.spi.Serializer}
 * ({@code Serializer.standard()} unless one was given); bytes are sent as they are.
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>An end crosses into a child when its target captures it (or takes it as an argument), and
 *       from then on <b>belongs to the child</b>: the process that last received an end is its
 *       holder. When the holder of an end exits (even killed), or closes the end, the other end's
 *       {@code recv} first returns everything sent before, then throws {@link EOFException}.
 *       Nothing sent before a close or an exit is lost.</li>
 *   <li>Messages arrive whole and in the order they were sent; a message of any size may be
 *       sent (a large one is streamed in chunks through the pipe's 1 MiB ring). Several threads
 *       may send on one end at once, and several receive: each message goes to one of them.</li>
 *   <li><b>Memory consistency</b>: what a thread does before {@code send} happens-before what a
 *       thread, in any process, does after the {@code recv} that returned that message.</li>
 *   <li>A thread blocked in {@code recv} or {@code poll} uses no processor time.</li>
 * </ul>
 * <p>An end whose other end is closed, or whose other end's holder has exited (even killed,
 * without closing it), refuses to send: {@link BrokenPipeException}. A sender waiting for room in
 * a full pipe gets it too, as soon as the other end is closed, or within about 100 ms of its
 * holder's death. A death is noticed by looking at the holder's process at most every 100 ms, so
 * a message sent into a pipe with room in the moment after the holder died may be lost with it.
 * An end that is closed refuses everything.
 *
 * @see ProcessContext#pipe()
 */
public final class PipeEnd implements Closeable, Serializable {

    private static final long serialVersionUID = 1L;

    final transient MessageRing in;
    private final transient MessageRing out;
    private final transient ObjectCodec codec;
    private transient volatile boolean closed;

    /** An end held by this process: the one that creates it, or receives it from another. */
    PipeEnd(MessageRing in, MessageRing out, ObjectCodec codec) {
        this.in = in;
        this.out = out;
        this.codec = codec;
        if (in != null) {
            in.claimReading();
        }
        if (out != null) {
            out.claimWriting();
        }
    }

    /**
     * Sends {@code message}, serialized here: a message that cannot be serialized fails in this
     * call, and nothing is sent. Waits while the pipe is full.
     *
     * @param message the object, {@code null} included
     * @throws UnserializableObjectException if it cannot be serialized; names the class
     * @throws BrokenPipeException if the other end is closed or its holder has exited, at the
     *     call or while waiting for room
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting for room
     */
    public void send(Object message) throws IOException, InterruptedException {
        ByteBuffer bytes = codec.encode(message);
        sendBytes(bytes.array(), bytes.arrayOffset(), bytes.limit());
    }

    /**
     * Receives the next message, waiting for one.
     *
     * @param <T> the type the caller expects (unchecked)
     * @return the message
     * @throws EOFException if the other end is closed or its process has exited, and every message
     *     sent before was received
     * @throws IOException if this end is closed, or the message cannot be read here
     * @throws InterruptedException if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public <T> T recv() throws IOException, InterruptedException {
        return (T) codec.decode(recvBytes());
    }

    /**
     * Sends {@code bytes} as one message.
     *
     * @param bytes the message
     * @throws BrokenPipeException as {@link #send}
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting for room
     */
    public void sendBytes(byte[] bytes) throws IOException, InterruptedException {
        sendBytes(bytes, 0, bytes.length);
    }

    /**
     * Sends {@code length} bytes of {@code bytes} from {@code offset} as one message.
     *
     * @param bytes the buffer
     * @param offset where the message starts
     * @param length its length
     * @throws BrokenPipeException as {@link #send}
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting for room
     */
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

    /**
     * Receives the next message as bytes, waiting for one.
     *
     * @return the message's bytes
     * @throws EOFException as {@link #recv()}
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting
     */
    public byte[] recvBytes() throws IOException, InterruptedException {
        return reading().read(WaitGate.FOREVER, MessageRing.WRITER_GONE);
    }

    /**
     * Receives the next message into {@code buffer} from {@code offset}.
     *
     * @param buffer where to put it
     * @param offset where in {@code buffer}
     * @return the message's length
     * @throws BufferTooShortException if it does not fit; the message is in the exception
     * @throws EOFException as {@link #recv()}
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting
     */
    public int recvBytesInto(byte[] buffer, int offset) throws IOException, InterruptedException {
        java.util.Objects.checkIndex(offset, buffer.length + 1);
        byte[] message = recvBytes();
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException(message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    /**
     * Whether a message (or the end of data) is waiting: {@code recv} would not block.
     *
     * @return {@code true} if so
     * @throws IOException if this end is closed
     */
    public boolean poll() throws IOException {
        try {
            return reading().await(0, MessageRing.WRITER_GONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits at most {@code timeout} until a message (or the end of data) is waiting.
     *
     * @param timeout the longest wait
     * @return {@code true} if {@code recv} would not block
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        return reading().await(Math.max(0, timeout.toNanos()), MessageRing.WRITER_GONE);
    }

    /** Whether this end can receive (not the sending end of a one-way pipe). */
    public boolean isReadable() {
        return in != null;
    }

    /** Whether this end can send (not the receiving end of a one-way pipe). */
    public boolean isWritable() {
        return out != null;
    }

    /** Whether {@link #close()} was called on this end, in this process. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes this end: the other end receives what was sent, then end of data. Idempotent.
     */
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
        return new Handle(in == null ? null : in.handle(), out == null ? null : out.handle(), codec);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a pipe end is deserialized from its handle only");
    }

    private record Handle(MessageRing.Handle in, MessageRing.Handle out, ObjectCodec codec) implements Serializable {

        private Object readResolve() {
            return new PipeEnd(in == null ? null : MessageRing.attach(in), out == null ? null : MessageRing.attach(out),
                    codec);
        }
    }
}
