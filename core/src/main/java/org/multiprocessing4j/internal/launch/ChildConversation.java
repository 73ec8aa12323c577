package org.multiprocessing4j.internal.launch;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.util.Arrays;
import org.multiprocessing4j.internal.platform.Platform;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.internal.transport.FrameChannel;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;

/**
 * The parent's side of one child's life, run on that child's watcher thread:
 * <pre>
 *   parent                                   child JVM
 *   accept on a loopback port &lt;-- connect --  ChildMain
 *                           &lt;-- HELLO -----  the token from its environment
 *                           --- BOOT ------&gt;  identity + target
 *                                             runs the target
 *                           &lt;-- EXIT -------  code + exception
 *   wait for the process; report its exit code
 * </pre>
 * If the child dies before connecting, its exit closes the listener and the accept fails; if it
 * dies later, the connection ends early. Either way the exit code then comes from the process
 * status. The parent's end of the connection stays open until the child has exited: closing it
 * tells a child that its parent is gone.
 */
final class ChildConversation implements Runnable {

    /** How long a connection may take to say who it is before the next one is heard. */
    private static final int HELLO_TIMEOUT_MILLIS = 5_000;

    private final LocalChildProcess child;
    private final Process process;
    private final ServerSocket listener;
    private final byte[] token;
    private final Bootstrap bootstrap;

    ChildConversation(LocalChildProcess child, Process process, ServerSocket listener, byte[] token,
            Bootstrap bootstrap) {
        this.child = child;
        this.process = process;
        this.listener = listener;
        this.token = token;
        this.bootstrap = bootstrap;
    }

    @Override
    public void run() {
        process.onExit().thenRun(() -> closeQuietly(listener));
        Integer reportedCode = null;
        Throwable failure = null;
        FrameChannel connection = accept();
        if (connection != null) {
            try (FrameChannel channel = connection) {
                channel.write(Bootstrap.BOOT, bootstrap.encode());
                for (Frame frame = channel.read(); frame != null; frame = channel.read()) {
                    if (frame.type() == Bootstrap.EXIT) {
                        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame.payload()));
                        reportedCode = in.readInt();
                        byte[] exception = in.readAllBytes();
                        failure = exception.length == 0 ? null : ThrowableTransport.decode(exception);
                    }
                }
            } catch (IOException e) {
                // the child died mid-conversation; its exit status tells the rest
            }
        }
        int status = awaitExitStatus();
        child.exited(reportedCode != null ? reportedCode : Platform.pythonExitCode(status), failure);
    }

    /**
     * Waits for the child to connect and prove it is the child with the token; any other local
     * process that connects to the port first is turned away.
     *
     * @return the connection, or {@code null} if the child exited first
     */
    private FrameChannel accept() {
        try (Closeable closing = listener) {
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
                    // not our child, or it died while greeting: keep listening until it exits
                }
                closeQuietly(channel);
            }
        } catch (IOException e) {
            return null;
        }
    }

    private int awaitExitStatus() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    @Override
    public String toString() {
        return "conversation with " + bootstrap.name() + " " + Arrays.toString(bootstrap.identity());
    }
}
