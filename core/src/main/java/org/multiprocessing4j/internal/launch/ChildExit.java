package org.multiprocessing4j.internal.launch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.internal.transport.FrameChannel;

/**
 * How a child ends once its target is done, as a Java program ends after its {@code main} and a
 * Python process after its {@code run()}: it waits for the threads that are not daemons (a daemon
 * thread dies with the JVM), then for its own children (daemon children are terminated first, as
 * Python's exit function does), flushes its standard streams and ends with the target's exit code,
 * 0, or 1 if the target threw, whatever became of other threads.
 *
 * <p>A cold child says nothing more than its exit status, and its report in a file of the parent's
 * session if its target threw: its parent joins it once its process has ended. A spare reports
 * over its connection before it exits, so that the parent need not wait for the JVM's own
 * teardown, a few milliseconds (decision 0006).
 */
final class ChildExit {

    private ChildExit() {
    }

    /**
     * Does what this child does before its JVM ends, then ends it; does not return.
     *
     * @param channel a spare's connection to its parent, or {@code null} in a cold child
     * @param parentSession where a cold child whose target failed leaves its report
     * @param pid this child's pid, as its parent knows it
     * @param failure what the target threw, or {@code null}
     */
    static void end(LocalRuntime runtime, ParentLink parent, FrameChannel channel, String parentSession, long pid,
            Throwable failure) {
        int code = failure == null ? 0 : 1;
        awaitNonDaemonThreads();
        try {
            runtime.finishChildren();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush(System.out);
        flush(System.err);
        parent.leave();
        try {
            byte[] report = report(code, failure);
            if (channel != null) {
                channel.write(Bootstrap.EXIT, report);
            } else if (failure != null) {
                ChildConversation.writeFailure(parentSession, pid, report);
            }
        } catch (IOException e) {
            // the parent is gone, or its session: the exit status is all there is
        }
        System.exit(code);
    }

    /** What a child reports of its end: its exit code, then the exception, if any. */
    static byte[] report(int code, Throwable failure) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(code);
            if (failure != null) {
                out.write(ThrowableTransport.encode(failure));
            }
        }
        return bytes.toByteArray();
    }

    /** Waits for the threads that are not daemons, and for those they start in turn. */
    private static void awaitNonDaemonThreads() {
        Thread self = Thread.currentThread();
        boolean joined;
        do {
            joined = false;
            for (Thread thread : liveThreads()) {
                if (thread != self && !thread.isDaemon()) {
                    joinUninterruptibly(thread);
                    joined = true;
                }
            }
        } while (joined);
    }

    private static void flush(PrintStream stream) {
        // a target may have set it to null
        if (stream != null) {
            stream.flush();
        }
    }

    /** The threads of this JVM that have started and not yet ended. */
    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int count;
        while ((count = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.copyOf(threads, count);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
