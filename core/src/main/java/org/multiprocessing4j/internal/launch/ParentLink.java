package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.nio.file.Path;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessIdentity;
import org.multiprocessing4j.internal.transport.FrameChannel;

/**
 * A child's connection to its parent, and the guarantee that the child does not outlive it.
 *
 * <p>The parent never writes after the bootstrap frame, so a read on the control connection only
 * returns when the parent's end closes: when the parent process is gone. A daemon thread waits for
 * that, then removes the parent's session directory (the parent cannot any more), terminates this
 * child's own children, and exits this JVM through {@link System#exit} so that shutdown hooks run,
 * with a halt one second later in case a hook hangs.
 */
final class ParentLink implements ProcessIdentity {

    /** The exit code of a child whose parent vanished; nobody is left to read it. */
    static final int ORPHANED = 70;

    private static final long HALT_AFTER_MILLIS = 1000;

    private final String name;
    private final long pid;
    private final FrameChannel channel;
    private final String parentSession;
    private volatile boolean alive = true;
    private volatile boolean leaving;

    ParentLink(String name, long pid, FrameChannel channel, String parentSession) {
        this.name = name;
        this.pid = pid;
        this.channel = channel;
        this.parentSession = parentSession;
    }

    void watch() {
        // a class, not a lambda: spinning a lambda class costs a warm child a millisecond here
        Thread watcher = new Thread("multiprocessing4j parent watch") {
            @Override
            public void run() {
                awaitParentExit();
            }
        };
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitParentExit() {
        try {
            while (channel.read() != null) {
                // the parent sends nothing after the bootstrap; ignore anything unexpected
            }
        } catch (IOException e) {
            // a broken connection means the same as a closed one
        }
        if (leaving) {
            return;
        }
        alive = false;
        if (!parentSession.isEmpty()) {
            Session.deleteTree(Path.of(parentSession));
        }
        // our children would notice our exit one after the other; stopping them now is faster
        for (ChildProcess child : LocalContext.instance().activeChildren()) {
            child.terminate();
        }
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException e) {
                // halt now
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "multiprocessing4j orphan halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(ORPHANED);
    }

    /**
     * Stops watching because this child is exiting by itself. The watcher must not be blocked in a
     * read then: the JVM's exit waits up to 300 ms for threads blocked in native code.
     */
    void leave() {
        leaving = true;
        channel.shutdownInput();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    /** Always {@code false}: a daemon may not have children, so a parent never is one. */
    @Override
    public boolean isDaemon() {
        return false;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public String toString() {
        return "<" + name + " pid=" + pid + (alive ? "" : " gone") + ">";
    }
}
