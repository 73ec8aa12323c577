package org.multiprocessing4j.internal.transport;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Length-prefixed frames over a blocking stream socket: a 4-byte length, a 1-byte type, then the
 * payload.
 *
 * <p>One thread may read while another writes: the socket channel's own read and write locks keep
 * them apart. (The streams of {@code java.nio.channels.Channels} would not do here: they serialise
 * reads and writes on one lock, so a reader blocked waiting for a frame would stop every writer.)
 */
public final class FrameChannel implements Closeable {

    /** The largest payload accepted, so a corrupt length cannot make us allocate gigabytes. */
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 16;

    private final SocketChannel channel;
    private final ByteBuffer readHeader = ByteBuffer.allocate(5);
    private final ByteBuffer writeHeader = ByteBuffer.allocate(5);

    /** A frame read from the channel. */
    public record Frame(byte type, byte[] payload) {
    }

    /**
     * Wraps a connected, blocking channel.
     *
     * @param channel the channel
     */
    public FrameChannel(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects to a Unix domain socket.
     *
     * @param socket the socket's path
     * @return the channel
     * @throws IOException if nobody listens there
     */
    public static FrameChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new FrameChannel(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Writes one frame.
     *
     * @param type the frame's type
     * @param payload the payload
     * @throws IOException if the peer is gone
     */
    public void write(byte type, byte[] payload) throws IOException {
        synchronized (writeHeader) {
            writeHeader.clear();
            writeHeader.putInt(payload.length).put(type).flip();
            ByteBuffer body = ByteBuffer.wrap(payload);
            ByteBuffer[] both = {writeHeader, body};
            while (writeHeader.hasRemaining() || body.hasRemaining()) {
                channel.write(both);
            }
        }
    }

    /**
     * Reads one frame, blocking until it has arrived.
     *
     * @return the frame, or {@code null} if the peer closed the connection between frames
     * @throws EOFException if the peer closed the connection inside a frame
     * @throws IOException on any other failure
     */
    public Frame read() throws IOException {
        synchronized (readHeader) {
            readHeader.clear();
            if (!fill(readHeader, true)) {
                return null;
            }
            readHeader.flip();
            int length = readHeader.getInt();
            byte type = readHeader.get();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("corrupt frame: length " + length);
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            fill(body, false);
            return new Frame(type, body.array());
        }
    }

    private boolean fill(ByteBuffer buffer, boolean eofAllowedAtStart) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (eofAllowedAtStart && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside a frame");
            }
        }
        return true;
    }

    /**
     * Ends reading: a thread blocked in {@link #read()} returns {@code null}. Writing still works.
     */
    public void shutdownInput() {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            // already closed: nobody can be reading
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
