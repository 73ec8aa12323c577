package org.multiprocessing4j.internal.connection;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.AuthenticationException;
import org.multiprocessing4j.BrokenPipeException;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.Waitable;
import org.multiprocessing4j.spi.Waiter;

/**
 * A {@link SocketConnection}: messages framed as {@link MessageFrames} says over a
 * {@link WaitingChannel}, objects through a serializer that reads only allowed classes.
 *
 * <p>Implementation note. Received bytes go into one buffer; a message that fits in it is
 * deserialized where it lies, and its header is consumed only once all of it is there, so a
 * receive that is interrupted, or a poll, leaves the stream where it was. A message larger than
 * the buffer is read into an array of its own; an interrupt in the middle of one closes the
 * connection, since the bytes already read could not be given back. A message is written with
 * its header in one write, copied behind the header when small, so that no small segment waits
 * for a delayed acknowledgement.
 */
final class SocketChannelConnection implements SocketConnection, Waitable {

    private static final int BUFFER = 64 << 10;
    /** A send buffer grown past this by one large message is not kept for the next. */
    private static final int LARGEST_KEPT = 8 << 20;
    /** Payloads shorter than this are copied behind their header; longer ones are written after it. */
    private static final int COPIED_BELOW = 16 << 10;
    /** The first array of a message larger than the buffer; it doubles as the bytes come. */
    private static final int FIRST_LARGE = 1 << 20;
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final WaitingChannel channel;
    private final Serializer serializer;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final ReentrantLock reading = new ReentrantLock();
    private final ReentrantLock writing = new ReentrantLock();
    /** What came and was not yet taken, from position to limit; guarded by {@link #reading}. */
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER).flip();
    /** Guarded by {@link #writing}. */
    private ByteBuffer out = ByteBuffer.allocate(BUFFER);

    /**
     * Wraps a connected socket channel.
     *
     * @param channel the channel, connected
     * @param serializer reads and writes objects; it should filter classes
     * @throws IOException if the channel cannot be set up
     */
    SocketChannelConnection(SocketChannel channel, Serializer serializer) throws IOException {
        this.channel = new WaitingChannel(channel);
        this.serializer = serializer;
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
    }

    @Override
    public void send(Object message) throws IOException, InterruptedException {
        writing.lockInterruptibly();
        try {
            ByteBuffer buffer = serializer.serialize(message, out.clear().position(MessageFrames.SHORT_HEADER));
            buffer.putInt(0, buffer.position() - MessageFrames.SHORT_HEADER);
            out = buffer.capacity() <= LARGEST_KEPT ? buffer : ByteBuffer.allocate(BUFFER);
            write(buffer.flip());
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void sendBytes(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        writing.lockInterruptibly();
        try {
            if (length < COPIED_BELOW) {
                write(MessageFrames.putHeader(length, out.clear()).put(bytes, offset, length).flip());
            } else {
                ByteBuffer header = ByteBuffer.allocate(MessageFrames.headerSize(length));
                write(MessageFrames.putHeader(length, header).flip(), ByteBuffer.wrap(bytes, offset, length));
            }
        } finally {
            writing.unlock();
        }
    }

    private void write(ByteBuffer... buffers) throws IOException, InterruptedException {
        try {
            channel.write(buffers);
        } catch (InterruptedException e) {
            close();
            throw e;
        } catch (IOException e) {
            if (channel.isClosed()) {
                throw e;
            }
            throw (BrokenPipeException) new BrokenPipeException("the peer has closed the connection or is gone: "
                    + e.getMessage()).initCause(e);
        }
    }

    @Override
    public Object recv() throws IOException, InterruptedException {
        reading.lockInterruptibly();
        try {
            return serializer.deserialize(nextMessage(MessageFrames.LONGEST_RECEIVED, NO_DEADLINE));
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read a message: " + e, e);
        } finally {
            reading.unlock();
        }
    }

    @Override
    public byte[] recvBytes() throws IOException, InterruptedException {
        return recvBytes(MessageFrames.LONGEST_RECEIVED, NO_DEADLINE);
    }

    /**
     * Receives the next message as bytes: no longer than {@code limit} (below
     * {@link MessageFrames#LONGEST_RECEIVED} for a handshake's) and before {@code deadline}.
     *
     * @throws AuthenticationException if a handshake's is longer; the connection is then closed
     * @throws SocketTimeoutException if the deadline passes first
     */
    byte[] recvBytes(int limit, long deadline) throws IOException, InterruptedException {
        reading.lockInterruptibly();
        try {
            ByteBuffer message = nextMessage(limit, deadline);
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            return bytes;
        } finally {
            reading.unlock();
        }
    }

    /** The next message, where it lies or in an array of its own. */
    private ByteBuffer nextMessage(int limit, long deadline) throws IOException, InterruptedException {
        fill(MessageFrames.SHORT_HEADER, deadline);
        long length = MessageFrames.shortLength(in.getInt(in.position()));
        int header = MessageFrames.SHORT_HEADER;
        if (length < 0) {
            header += MessageFrames.LONG_LENGTH;
            fill(header, deadline);
            length = MessageFrames.longLength(in.getLong(in.position() + MessageFrames.SHORT_HEADER));
        }
        if (length > limit) {
            close();
            throw limit == MessageFrames.LONGEST_RECEIVED
                    ? new IOException("a message of " + length + " bytes, more than a Java array holds; the"
                            + " connection is closed")
                    : new AuthenticationException("the peer sent " + length + " bytes where a handshake message"
                            + " of at most " + limit + " was due");
        }
        int size = (int) length;
        if (header + size <= in.capacity()) {
            fill(header + size, deadline);
            ByteBuffer message = in.slice(in.position() + header, size);
            in.position(in.position() + header + size);
            return message;
        }
        in.position(in.position() + header);
        try {
            return readLarge(size, deadline);
        } catch (IOException | InterruptedException e) {
            // what was read of the message is lost, and with it where the next one begins
            close();
            throw e;
        }
    }

    /**
     * A message larger than {@link #in}, whose first bytes are there. Its array grows as its bytes
     * come, so that a peer that states a length it never sends cannot make this side allocate it.
     */
    private ByteBuffer readLarge(int size, long deadline) throws IOException, InterruptedException {
        ByteBuffer whole = ByteBuffer.allocate(Math.min(size, FIRST_LARGE));
        whole.put(in);
        while (whole.position() < size) {
            if (!whole.hasRemaining()) {
                whole = ByteBuffer.allocate((int) Math.min(size, 2L * whole.capacity())).put(whole.flip());
            }
            int n = channel.read(whole, deadline);
            if (n <= 0) {
                throw n < 0 ? new IOException("the connection ended inside a message")
                        : new SocketTimeoutException("the rest of a message did not come in time");
            }
        }
        return whole.flip();
    }

    /** Waits until {@code needed} bytes are in {@link #in}, which must have room for them. */
    private void fill(int needed, long deadline) throws IOException, InterruptedException {
        if (in.remaining() >= needed) {
            return;
        }
        boolean between = !in.hasRemaining();
        in.compact();
        try {
            while (in.position() < needed) {
                int n;
                try {
                    n = channel.read(in, deadline);
                } catch (IOException e) {
                    if (channel.isClosed() || !between || in.position() > 0) {
                        throw e;
                    }
                    // a reset between messages: the peer is gone, as at the end of data
                    throw (EOFException) new EOFException("the peer reset the connection: " + e.getMessage())
                            .initCause(e);
                }
                if (n < 0) {
                    throw between && in.position() == 0 ? new EOFException("the peer closed the connection")
                            : new IOException("the connection ended inside a message");
                }
                if (n == 0) {
                    throw new SocketTimeoutException("the peer did not answer in time");
                }
            }
        } finally {
            in.flip();
        }
    }

    @Override
    public boolean poll() throws IOException {
        reading.lock();
        try {
            return arrived(System.nanoTime());
        } catch (InterruptedException e) {
            // no wait, so no interrupt to take: keep it for the caller
            Thread.currentThread().interrupt();
            return false;
        } finally {
            reading.unlock();
        }
    }

    @Override
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        long deadline = ConnectionSettings.deadlineAfter(Objects.requireNonNull(timeout, "timeout"));
        reading.lockInterruptibly();
        try {
            return arrived(deadline);
        } finally {
            reading.unlock();
        }
    }

    /** Whether bytes or the end of data came, waiting for them until {@code deadline}. */
    private boolean arrived(long deadline) throws IOException, InterruptedException {
        if (channel.isClosed()) {
            throw WaitingChannel.closedError();
        }
        if (in.hasRemaining()) {
            return true;
        }
        in.compact();
        try {
            return channel.read(in, deadline) != 0;
        } catch (IOException e) {
            if (channel.isClosed()) {
                throw e;
            }
            return true;
        } finally {
            in.flip();
        }
    }

    @Override
    public boolean isReady() {
        if (channel.isClosed()) {
            return true;
        }
        // a thread receiving now takes what comes: not ready for this caller
        if (!reading.tryLock()) {
            return false;
        }
        try {
            return arrived(System.nanoTime());
        } catch (IOException | InterruptedException e) {
            return true;
        } finally {
            reading.unlock();
        }
    }

    @Override
    public Waiter waiter() {
        return SocketWaiter.INSTANCE;
    }

    SocketChannel channel() {
        return channel.channel();
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return channel.isClosed();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "SocketConnection[" + local + " -> " + remote + (isClosed() ? ", closed]" : "]");
    }
}
