package org.multiprocessing4j.internal.launch;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.IntFunction;
import org.multiprocessing4j.internal.transport.FrameChannel;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;

/**
 * A child JVM that has been launched. A cold child reads its bootstrap from its standard input (see
 * {@link ChildConversation}); a spare calls back on a one-off loopback port and must show a token.
 */
final class LaunchedJvm {

    /** How long a connection may take to say who it is before the next one is heard. */
    private static final int HELLO_TIMEOUT_MILLIS = 5_000;

    private final Process process;
    private final ServerSocket listener;
    private final byte[] token;

    private LaunchedJvm(Process process, ServerSocket listener, byte[] token) {
        this.process = process;
        this.listener = listener;
        this.token = token;
        if (listener != null) {
            // a spare that dies before calling back must not leave its parent waiting in accept
            process.onExit().thenRun(() -> closeQuietly(listener));
        }
    }

    /**
     * Launches a cold child, whose standard input must be a pipe: the bootstrap goes there.
     *
     * @param builder the process builder
     * @return the launched JVM
     * @throws UncheckedIOException if the JVM cannot be launched
     */
    static LaunchedJvm launch(ProcessBuilder builder) {
        try {
            return new LaunchedJvm(builder.start(), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch a child JVM", e);
        }
    }

    /**
     * Launches a spare.
     *
     * @param builder makes the process builder for the JVM that calls back on the given port
     * @param token the token the JVM must show, put in its environment (which, unlike its command
     *     line, only its owner can read)
     * @return the launched JVM
     * @throws UncheckedIOException if the JVM cannot be launched
     */
    static LaunchedJvm launchSpare(IntFunction<ProcessBuilder> builder, byte[] token) {
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback interface", e);
        }
        try {
            ProcessBuilder process = builder.apply(listener.getLocalPort());
            process.environment().put(ChildMain.TOKEN_VARIABLE, HexFormat.of().formatHex(token));
            return new LaunchedJvm(process.start(), listener, token);
        } catch (IOException | RuntimeException e) {
            closeQuietly(listener);
            throw e instanceof IOException io ? new UncheckedIOException("cannot launch a child JVM", io)
                    : (RuntimeException) e;
        }
    }

    Process process() {
        return process;
    }

    /**
     * Waits for a spare to connect and prove it is ours with the token; any other local process
     * that connects to the port first is turned away.
     *
     * @return the connection, or {@code null} if the JVM exited first
     */
    FrameChannel awaitConnection() {
        try {
            while (true) {
                FrameChannel channel = new FrameChannel(listener.accept());
                try {
                    channel.readTimeout(HELLO_TIMEOUT_MILLIS);
                    Frame hello = channel.read();
                    if (hello != null && hello.type() == Bootstrap.HELLO
                            && MessageDigest.isEqual(hello.payload(), token)) {
                        channel.readTimeout(0);
                        return channel;
                    }
                } catch (IOException e) {
                    // not our JVM, or it died while greeting: keep listening until it exits
                }
                closeQuietly(channel);
            }
        } catch (IOException e) {
            return null;
        } finally {
            closeQuietly(listener);
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
