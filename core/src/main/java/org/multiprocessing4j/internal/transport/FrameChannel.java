package org.multiprocessing4j.internal.transport;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Length-prefixed frames over a loopback TCP connection: a 4-byte length, a 1-byte type, then the
 * payload. The same frames can be written to and read from plain streams, such as a pipe.
 *
 * <p>One thread may read while another writes: a socket's two streams are independent. Classic
 * sockets rather than NIO channels, because a NIO socket channel first looks for a selector
 * provider with the service loader (opening every jar on the class path), and a Unix-domain one
 * also seeds a {@code SecureRandom}. Even a classic socket costs a fresh JVM about 10 ms, which is
 * why only spares, which have time, open one (see {@code ChildMain}).
 */
public final class FrameChannel implements Closeable {

    /** The largest payload accepted, so that a corrupt length fails clearly. */
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 16;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();

    /** A frame read from the channel. */
    public record Frame(byte type, byte[] payload) {
    }

    /**
     * Wraps a connected socket.
     *
     * @param socket the socket
     * @throws IOException if its streams cannot be opened
     */
    public FrameChannel(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to a port on the loopback interface.
     *
     * @param port the port
     * @return the channel
     * @throws IOException if nobody listens there
     */
    public static FrameChannel connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            return new FrameChannel(socket);
        } catch (IOException e) {
            socket.close();
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
        synchronized (writeLock) {
            write(out, type, payload);
        }
    }

    /**
     * Writes one frame to a stream, such as a pipe, for {@link #read(DataInputStream)}.
     *
     * @param out the stream
     * @param type the frame's type
     * @param payload the payload
     * @throws IOException if the reader is gone
     */
    public static void write(OutputStream out, byte type, byte[] payload) throws IOException {
        int length = payload.length;
        byte[] frame = new byte[5 + length];
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        frame[4] = type;
        System.arraycopy(payload, 0, frame, 5, length);
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one frame, blocking until it has arrived.
     *
     * @return the frame, or {@code null} if the peer closed the connection between frames
     * @throws EOFException if the peer closed the connection inside a frame
     * @throws IOException on any other failure
     */
    public Frame read() throws IOException {
        synchronized (in) {
            return read(in);
        }
    }

    /**
     * Reads one frame from a stream, such as a pipe, written the way {@link #write} writes.
     *
     * @param in the stream
     * @return the frame, or {@code null} if the stream ended between frames
     * @throws EOFException if the stream ended inside a frame
     * @throws IOException on any other failure
     */
    public static Frame read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
                | in.readUnsignedByte();
        byte type = in.readByte();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("corrupt frame: length " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, payload);
    }

    /**
     * Makes a blocked {@link #read()} fail after {@code millis} (0: wait for ever), so that a
     * peer that connects and says nothing cannot hold a reader.
     *
     * @param millis the timeout
     * @throws IOException if the socket is closed
     */
    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * Ends reading: a thread blocked in {@link #read()} returns {@code null}. Writing still works.
     */
    public void shutdownInput() {
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            // already closed: nobody can be reading
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
