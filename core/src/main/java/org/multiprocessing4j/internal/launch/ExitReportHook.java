package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.multiprocessing4j.internal.transport.FrameChannel;

/**
 * The shutdown hook that sends a spare's exit report once the JVM's other shutdown hooks have
 * ended, so that its parent's join returns after them but before the JVM's teardown (decision
 * 0018).
 *
 * <p>The JVM offers no way to run code after the application's hooks: the thread that ends the
 * JVM starts every hook, each on its thread, and only then joins them one by one. This hook's
 * thread is started with the spare, so that its end does not wait for a thread to start (a tenth
 * of a millisecond, more on a busy machine), and sleeps: the ending thread's call of
 * {@link #start()} wakes it. Then it
 * <ol>
 * <li>reports nothing unless the child has made its report and the thread that ran the target is
 *     the one ending the JVM or has ended: otherwise a signal or another thread's call of
 *     {@link System#exit} is ending the JVM with a code of its own, which the parent takes from the
 *     exit status;
 * <li>waits until the ending thread is waiting: it waits in the joins of the hooks only, once it
 *     has started them all;
 * <li>joins the threads that are alive then, were not when the child made its report, and were
 *     created before the marker thread the child created right after: the other hooks (thread ids
 *     are handed out in creation order). A thread a hook starts is younger, and is not waited for,
 *     as the JVM does not wait for it;
 * <li>sends the report, then runs what the child asked to run last (the end of its parent's
 *     watch). The JVM's teardown (files to delete on exit, then the exit) follows.
 * </ol>
 */
final class ExitReportHook extends Thread {

    private final Thread ranTarget;
    private boolean started;
    private volatile Thread ending;
    private volatile FrameChannel channel;
    private Runnable afterwards;
    private boolean finished;
    private byte[] report;
    private Thread[] before;
    private long marker;

    private ExitReportHook(Thread ranTarget) {
        super("multiprocessing4j exit report");
        setDaemon(true);
        this.ranTarget = ranTarget;
    }

    /**
     * Registers and starts the hook.
     *
     * @param ranTarget the thread that will run the target
     * @return the hook
     */
    static ExitReportHook install(Thread ranTarget) {
        ExitReportHook hook = new ExitReportHook(ranTarget);
        Runtime.getRuntime().addShutdownHook(hook);
        hook.start();
        return hook;
    }

    /**
     * Has {@code report} sent once the other hooks have ended.
     *
     * @param before the threads alive now
     * @param marker a thread created after every hook the target registered
     */
    void sendAfterTheOtherHooks(FrameChannel channel, byte[] report, Thread[] before, Thread marker) {
        this.report = report;
        this.before = before;
        this.marker = marker.getId();
        this.channel = channel;
    }

    /**
     * Has {@code action} run once the report is sent, or once it is known that none will be; at
     * once if that is already so (the JVM began to shut down before the child asked).
     */
    void afterwards(Runnable action) {
        synchronized (this) {
            if (!finished) {
                afterwards = action;
                return;
            }
        }
        action.run();
    }

    /** The spare's own call starts this thread; the call of the thread ending the JVM wakes it. */
    @Override
    public synchronized void start() {
        if (!started) {
            started = true;
            super.start();
        } else {
            ending = Thread.currentThread();
            LockSupport.unpark(this);
        }
    }

    @Override
    public void run() {
        // once now what the end does first, so that the end finds it linked
        ChildExit.liveThreads();
        ranTarget.getState();
        while (ending == null) {
            LockSupport.park(this);
        }
        try {
            report();
        } finally {
            Runnable last;
            synchronized (this) {
                finished = true;
                last = afterwards;
            }
            if (last != null) {
                last.run();
            }
        }
    }

    private void report() {
        FrameChannel connection = channel;
        if (connection == null || (ending != ranTarget && ranTarget.isAlive())) {
            return;
        }
        while (ending.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
        for (Thread thread : ChildExit.liveThreads()) {
            if (thread != this && thread != ending && thread.getId() < marker && !wasAlive(thread)) {
                ChildExit.joinUninterruptibly(thread);
            }
        }
        try {
            connection.write(Bootstrap.EXIT, report);
        } catch (IOException e) {
            // the parent is gone
        }
    }

    private boolean wasAlive(Thread thread) {
        for (Thread old : before) {
            if (old == thread) {
                return true;
            }
        }
        return false;
    }
}
