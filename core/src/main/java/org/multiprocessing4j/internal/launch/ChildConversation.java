package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.multiprocessing4j.RemoteTaskException;
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
 * A spare (see {@link SparePool}) has connected and said hello long before; it is sent its
 * bootstrap by {@link LocalChildProcess#start()} and the conversation starts with the wait for
 * {@code EXIT}. If the child dies before connecting, its exit closes the listener and the accept
 * fails; if it dies later, the connection ends early. Either way the exit code then comes from the
 * process status. The parent's end of the connection stays open until the child has exited:
 * closing it tells a child that its parent is gone.
 */
final class ChildConversation implements Runnable {

    private final LocalChildProcess child;
    private final LaunchedJvm jvm;
    private final FrameChannel booted;
    private final Bootstrap bootstrap;

    /**
     * @param booted the connection to a spare that has already been sent its bootstrap, or
     *     {@code null} for a cold child, whose connection this conversation waits for
     */
    ChildConversation(LocalChildProcess child, LaunchedJvm jvm, FrameChannel booted, Bootstrap bootstrap) {
        this.child = child;
        this.jvm = jvm;
        this.booted = booted;
        this.bootstrap = bootstrap;
    }

    @Override
    public void run() {
        boolean reported = false;
        FrameChannel connection = booted != null ? booted : connectAndBoot();
        if (connection != null) {
            try (FrameChannel channel = connection) {
                for (Frame frame = channel.read(); frame != null; frame = channel.read()) {
                    if (frame.type() == Bootstrap.EXIT && !reported) {
                        // the target is done and the child says how it ended: joiners need not wait
                        // for the JVM's own teardown, a few more milliseconds
                        reported = true;
                        child.exited(exitCode(frame), exception(frame));
                    }
                }
            } catch (IOException e) {
                // the child died mid-conversation; its exit status tells the rest
            }
        }
        int status = awaitExitStatus();
        if (!reported) {
            child.exited(Platform.pythonExitCode(status), null);
        }
    }

    private FrameChannel connectAndBoot() {
        FrameChannel channel = jvm.awaitConnection();
        if (channel != null) {
            try {
                channel.write(Bootstrap.BOOT, bootstrap.encode());
            } catch (IOException e) {
                LaunchedJvm.closeQuietly(channel);
                return null;
            }
        }
        return channel;
    }

    private static int exitCode(Frame exit) {
        return ByteBuffer.wrap(exit.payload()).getInt();
    }

    private static Throwable exception(Frame exit) {
        byte[] payload = exit.payload();
        if (payload.length == Integer.BYTES) {
            return null;
        }
        try {
            return ThrowableTransport.decode(Arrays.copyOfRange(payload, Integer.BYTES, payload.length));
        } catch (IOException e) {
            return new RemoteTaskException("unreadable exception", e.getMessage(), new StackTraceElement[0], null);
        }
    }

    private int awaitExitStatus() {
        Process process = jvm.process();
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

    @Override
    public String toString() {
        return "conversation with " + bootstrap.name() + " " + Arrays.toString(bootstrap.identity());
    }
}
