package org.multiprocessing4j.internal.launch;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.multiprocessing4j.internal.platform.Platform;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.internal.transport.FrameChannel;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;

/**
 * The parent's side of one child's life, run on that child's watcher thread:
 * <pre>
 *   parent                                   child JVM
 *   accept on child-N.sock  &lt;-- connect ---  ChildMain
 *                           &lt;-- HELLO pid --
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

    private final LocalChildProcess child;
    private final Process process;
    private final ServerSocketChannel listener;
    private final Path socket;
    private final Bootstrap bootstrap;

    ChildConversation(LocalChildProcess child, Process process, ServerSocketChannel listener, Path socket,
            Bootstrap bootstrap) {
        this.child = child;
        this.process = process;
        this.listener = listener;
        this.socket = socket;
        this.bootstrap = bootstrap;
    }

    @Override
    public void run() {
        process.onExit().thenRun(() -> closeQuietly(listener));
        Integer reportedCode = null;
        Throwable failure = null;
        SocketChannel connection = accept();
        if (connection != null) {
            try (FrameChannel channel = new FrameChannel(connection)) {
                Frame hello = channel.read();
                if (hello != null && hello.type() == Bootstrap.HELLO && pidOf(hello) == process.pid()) {
                    channel.write(Bootstrap.BOOT, bootstrap.encode());
                    for (Frame frame = channel.read(); frame != null; frame = channel.read()) {
                        if (frame.type() == Bootstrap.EXIT) {
                            DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame.payload()));
                            reportedCode = in.readInt();
                            byte[] exception = in.readAllBytes();
                            failure = exception.length == 0 ? null : ThrowableTransport.decode(exception);
                        }
                    }
                }
            } catch (IOException e) {
                // the child died mid-conversation; its exit status tells the rest
            }
        }
        int status = awaitExitStatus();
        child.exited(reportedCode != null ? reportedCode : Platform.pythonExitCode(status), failure);
    }

    private SocketChannel accept() {
        try (Closeable closing = listener) {
            return listener.accept();
        } catch (IOException e) {
            return null;
        } finally {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // swept with the session
            }
        }
    }

    private static long pidOf(Frame hello) {
        return hello.payload().length == Long.BYTES ? ByteBuffer.wrap(hello.payload()).getLong() : -1;
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
