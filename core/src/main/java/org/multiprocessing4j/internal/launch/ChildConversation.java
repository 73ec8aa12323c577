package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.multiprocessing4j.RemoteTaskException;
import org.multiprocessing4j.internal.platform.Platform;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.internal.transport.FrameChannel;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;

/**
 * The parent's side of one child's life, run on that child's watcher thread.
 *
 * <p>A cold child:
 * <pre>
 *   parent                                   child JVM
 *   standard input            --- REHEARSE --&gt;  only for the child that trains the class archive
 *                             --- BOOT ------&gt;  ChildMain: identity + target
 *   (then silent, held open                   runs the target; its watch of its parent
 *    until the child exits)                   reads the pipe
 *   session directory         &lt;-- failure ----  if the target threw: code + exception
 *   wait for the process; report its exit code and the exception, if any
 * </pre>
 * A spare (see {@link SparePool}) has connected to a loopback port, shown its token and said it is
 * ready long before; it is sent its bootstrap by {@link LocalChildProcess#start()}, and this
 * conversation waits for its {@code EXIT} frame (code + exception), which comes once the child's
 * shutdown hooks have run, before the JVM's own teardown (see {@link ExitReportHook}), or for its
 * connection to end. Either way the exit code comes from the process status when the child did
 * not report it. The parent's end of a spare's connection stays open
 * until the child has exited.
 */
final class ChildConversation implements Runnable {

    private final LocalChildProcess child;
    private final LaunchedJvm jvm;
    private final FrameChannel booted;
    private final String parentSession;
    /** Until sent: it holds the encoded target, which may be large. */
    private byte[] bootstrap;
    private byte[] rehearsal;

    /**
     * @param booted the connection to a spare that has already been sent its bootstrap, or
     *     {@code null} for a cold child
     * @param bootstrap the encoded bootstrap this conversation sends to a cold child, or {@code null}
     * @param rehearsal a target a cold child rehearses before its own, or {@code null}
     * @param parentSession this process's session directory, where a failed cold child reports
     */
    ChildConversation(LocalChildProcess child, LaunchedJvm jvm, FrameChannel booted, byte[] bootstrap,
            byte[] rehearsal, String parentSession) {
        this.child = child;
        this.jvm = jvm;
        this.booted = booted;
        this.bootstrap = bootstrap;
        this.rehearsal = rehearsal;
        this.parentSession = parentSession;
    }

    @Override
    public void run() {
        if (booted != null) {
            boolean reported = awaitReport(booted);
            int status = awaitExitStatus();
            if (!reported) {
                child.exited(Platform.pythonExitCode(status), null);
            }
            return;
        }
        // not closed: the JDK closes it once the child has exited, and the child takes its end of file
        // for its parent's death (see ParentLink)
        OutputStream input = jvm.process().getOutputStream();
        try {
            if (rehearsal != null) {
                FrameChannel.write(input, Bootstrap.REHEARSE, rehearsal);
            }
            FrameChannel.write(input, Bootstrap.BOOT, bootstrap);
        } catch (IOException e) {
            // the child died before reading it; its exit status tells the rest
        }
        bootstrap = null;
        rehearsal = null;
        int code = Platform.pythonExitCode(awaitExitStatus());
        child.exited(code, code == 0 ? null : readFailure());
    }

    /** Waits for a spare's report of how its target ended; {@code false} if it died first. */
    private boolean awaitReport(FrameChannel connection) {
        boolean reported = false;
        try (FrameChannel channel = connection) {
            for (Frame frame = channel.read(); frame != null; frame = channel.read()) {
                if (frame.type() == Bootstrap.EXIT && !reported) {
                    // the child has ended, hooks and all, and says how: joiners need not wait
                    // for the JVM's own teardown, a few more milliseconds
                    reported = true;
                    child.exited(exitCode(frame.payload()), exception(frame.payload()));
                }
            }
        } catch (IOException e) {
            // the child died mid-conversation; its exit status tells the rest
        }
        return reported;
    }

    /**
     * Where a cold child whose target failed leaves its exit report ({@code report}): the parent
     * reads it once the child has exited.
     */
    static void writeFailure(String parentSession, long pid, byte[] report) throws IOException {
        if (parentSession.isEmpty()) {
            return;
        }
        Path file = failureFile(parentSession, pid);
        Path draft = file.resolveSibling(file.getFileName() + ".draft");
        Files.write(draft, report);
        // whole or not at all, should the child be killed while writing
        Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private Throwable readFailure() {
        Path file = failureFile(parentSession, jvm.process().pid());
        try {
            byte[] report = Files.readAllBytes(file);
            Files.deleteIfExists(file);
            return exception(report);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return new RemoteTaskException("unreadable exception", e.getMessage(), new StackTraceElement[0], null);
        }
    }

    private static Path failureFile(String parentSession, long pid) {
        return Path.of(parentSession, "failure-" + pid);
    }

    private static int exitCode(byte[] report) {
        return ByteBuffer.wrap(report).getInt();
    }

    private static Throwable exception(byte[] report) {
        if (report.length == Integer.BYTES) {
            return null;
        }
        try {
            return ThrowableTransport.decode(Arrays.copyOfRange(report, Integer.BYTES, report.length));
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
        return "conversation with " + child.name();
    }
}
