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
 * over its connection, so that the parent need not wait for the JVM's own teardown, a few
 * milliseconds (decision 0006); it reports from a shutdown hook, {@link ExitReportHook}, once the
 * JVM's other shutdown hooks have ended, so that a joined child has run its hooks (decision 0018).
 *
 * <p>Up to Java 20 the JVM is ended by {@link System#exit}. From Java 21 on, {@code Runtime.exit}
 * first logs the call through {@code System.Logger}, and a JVM's first logger costs milliseconds
 * (java.util.logging starts up), which a spare's report would wait for; there, {@code main}
 * returns, or throws for exit code 1, and the JVM, whose non-daemon threads are done, runs its
 * shutdown hooks and exits with that code without such a log.
 */
final class ChildExit {

    private static final boolean EXIT_LOGS = Runtime.version().feature() >= 21;

    /** A spare's report hook, from before it connects; {@code null} in a cold child. */
    private static ExitReportHook reportHook;

    private ChildExit() {
    }

    /**
     * Has {@code action} run as this JVM shuts down, after a spare's report: in the report hook,
     * once the report is sent, or in a hook of its own in a cold child; at once if the JVM is
     * shutting down already.
     */
    static void atShutdown(Runnable action) {
        if (reportHook != null) {
            reportHook.afterwards(action);
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(action, "multiprocessing4j parent watch end"));
        } catch (IllegalStateException shuttingDown) {
            action.run();
        }
    }

    /** In a spare, before it connects: starts the hook that will send its exit report. */
    static void startReportHook() {
        reportHook = ExitReportHook.install(Thread.currentThread());
    }

    /**
     * Does what this child does before its JVM ends, then ends it: by {@link System#exit}, or by
     * returning if the target returned and otherwise throwing, quietly, out of {@code main}.
     *
     * @param channel a spare's connection to its parent, or {@code null} in a cold child
     * @param parentSession where a cold child whose target failed leaves its report
     * @param pid this child's pid, as its parent knows it
     * @param failure what the target threw, or {@code null}
     * @throws RuntimeException if {@code failure} is not {@code null} and the JVM ends when it leaves
     *     {@code main}
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
                reportHook.sendAfterTheOtherHooks(channel, report, liveThreads(), new Thread());
            } else if (failure != null) {
                ChildConversation.writeFailure(parentSession, pid, report);
            }
        } catch (IOException e) {
            // the parent is gone, or its session: the exit status is all there is
        }
        if (!EXIT_LOGS) {
            System.exit(code);
        }
        if (failure != null) {
            QuietFailure end = new QuietFailure();
            Thread.currentThread().setUncaughtExceptionHandler(end);
            throw end;
        }
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
    static Thread[] liveThreads() {
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

    static void joinUninterruptibly(Thread thread) {
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

    /**
     * What {@code main} throws to end the JVM with exit code 1, and the handler that keeps the JVM
     * from printing it: the target's own exception has been printed already.
     */
    private static final class QuietFailure extends RuntimeException implements Thread.UncaughtExceptionHandler {

        QuietFailure() {
            super("the target failed", null, false, false);
        }

        @Override
        public void uncaughtException(Thread thread, Throwable failure) {
            // nothing to add
        }
    }
}
