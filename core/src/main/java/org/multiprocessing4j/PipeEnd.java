package org.multiprocessing4j;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. Objects are
 * sent serialized by the pipe's {@link org.multiprocessing4j.spi.Serializer}
 * ({@code Serializer.standard()} unless one was given); bytes are sent as they are.
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>An end passed to another process (captured by a child's target, taken as its argument,
 *       or sent through a queue or a pipe) is a <b>copy</b> there, as a file descriptor passed to a
 *       child is: an end stays open while some process holds a copy of it that it has not closed,
 *       and a copy is held from the moment it is sent, so a sender may close its own right away.
 *       When every copy of an end is closed, or its process has exited (even killed), the other
 *       end's {@code recv} first returns everything sent before, then throws
 *       {@link EOFException}, and its sends fail with {@link BrokenPipeException}. So, as in
 *       Python, a parent that passes one end to a child and waits for the end of data closes its
 *       own copy after {@code start()}. Nothing sent before a close or an exit is lost.</li>
 *   <li>Messages arrive whole and in the order they were sent; a message of any size may be
 *       sent. Several threads may send on one end at once, and several receive (in one process or
 *       in several that hold copies): each message goes to one of them.</li>
 *   <li>A send waits for room only when the messages sent that way and not yet received take up
 *       at least 512 KiB; a process pool relies on this to send small batches without waiting.</li>
 *   <li><b>Memory consistency</b>: what a thread does before {@code send} happens-before what a
 *       thread, in any process, does after the {@code recv} that returned that message.</li>
 *   <li>A thread blocked in {@code recv} or {@code poll} uses no processor time.</li>
 * </ul>
 * <p>A sender waiting for room in a full pipe gets a {@link BrokenPipeException} as well, once the
 * last copy of the other end is closed or its process's death is noticed. A copy that is closed
 * refuses everything, in the process that closed it; a copy that is never closed is held until its
 * process exits. A copy sent but never received (its receiver never started, or died before it
 * read it) is held until the receiving child has exited, or, sent otherwise, until its sender has.
 *
 * <p>{@link Connections#waitAny} waits on ends whose implementation is also a
 * {@link org.multiprocessing4j.spi.Waitable}, as every backend's is.
 *
 * @see ProcessContext#pipe()
 */
public interface PipeEnd extends Closeable {

    /**
     * Sends {@code message}, serialized here: a message that cannot be serialized fails in this
     * call, and nothing is sent. Waits while the pipe is full.
     *
     * @param message the object, {@code null} included
     * @throws UnserializableObjectException if it cannot be serialized; names the class
     * @throws BrokenPipeException if every copy of the other end is closed or its process has
     *     exited, at the call or while waiting for room
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting for room
     */
    void send(Object message) throws IOException, InterruptedException;

    /**
     * Receives the next message, waiting for one.
     *
     * @return the message
     * @throws EOFException if every copy of the other end is closed or its process has exited, and
     *     every message sent before was received
     * @throws IOException if this end is closed, or the message cannot be read here
     * @throws InterruptedException if interrupted while waiting
     */
    Object recv() throws IOException, InterruptedException;

    /**
     * Receives the next message as a {@code T}, waiting for one: {@code int n = end.recv(int.class)}.
     *
     * @param <T> the message's type
     * @param type its class; a primitive class stands for its wrapper, so a {@code null} message
     *     received as {@code int.class} is returned as {@code null}, and unboxing it into an
     *     {@code int} throws a {@link NullPointerException} in the caller
     * @return the message
     * @throws ClassCastException if the message is not a {@code T} (it has been received all the
     *     same: the next call returns the message after it)
     * @throws EOFException as {@link #recv()}
     * @throws IOException as {@link #recv()}
     * @throws InterruptedException if interrupted while waiting
     */
    default <T> T recv(Class<T> type) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        Class<T> boxed = (Class<T>) MethodType.methodType(type).wrap().returnType();
        Object message = recv();
        if (message != null && !boxed.isInstance(message)) {
            throw new ClassCastException("received a " + message.getClass().getName() + ", not a "
                    + type.getName());
        }
        return boxed.cast(message);
    }

    /**
     * Sends {@code bytes} as one message.
     *
     * @param bytes the message
     * @throws BrokenPipeException as {@link #send}
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting for room
     */
    default void sendBytes(byte[] bytes) throws IOException, InterruptedException {
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
    void sendBytes(byte[] bytes, int offset, int length) throws IOException, InterruptedException;

    /**
     * Receives the next message as bytes, waiting for one.
     *
     * @return the message's bytes
     * @throws EOFException as {@link #recv()}
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting
     */
    byte[] recvBytes() throws IOException, InterruptedException;

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
    default int recvBytesInto(byte[] buffer, int offset) throws IOException, InterruptedException {
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
    boolean poll() throws IOException;

    /**
     * Waits at most {@code timeout} until a message (or the end of data) is waiting.
     *
     * @param timeout the longest wait
     * @return {@code true} if {@code recv} would not block
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting
     */
    boolean poll(Duration timeout) throws IOException, InterruptedException;

    /**
     * Waits at most {@code timeout} until a message (or the end of data) is waiting.
     *
     * @param timeout the longest wait
     * @param unit its unit
     * @return {@code true} if {@code recv} would not block
     * @throws IOException if this end is closed
     * @throws InterruptedException if interrupted while waiting
     */
    default boolean poll(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return poll(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /**
     * Whether this end can receive (not the sending end of a one-way pipe).
     *
     * @return {@code true} if it can
     */
    boolean isReadable();

    /**
     * Whether this end can send (not the receiving end of a one-way pipe).
     *
     * @return {@code true} if it can
     */
    boolean isWritable();

    /**
     * Whether {@link #close()} was called on this copy of the end.
     *
     * @return {@code true} if closed
     */
    boolean isClosed();

    /**
     * Closes this copy of the end; once every copy is closed, or its process has exited, the other
     * end receives what was sent, then the end of data. Idempotent.
     */
    @Override
    void close();
}
