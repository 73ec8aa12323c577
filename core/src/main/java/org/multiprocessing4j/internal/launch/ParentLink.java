package org.multiprocessing4j.internal.launch;

import java.nio.file.Path;
import java.util.Optional;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessIdentity;

/**
 * A child's parent, and the guarantee that the child does not outlive it.
 *
 * <p>{@link #watch()} looks every {@value #POLL_MILLIS} ms whether this process's parent is still
 * the process that started it: when a parent dies, the operating system gives its children another
 * one. Then it removes the parent's session directory (the parent cannot any more), terminates this
 * child's own children, and exits this JVM through {@link System#exit} so that shutdown hooks run,
 * with a halt one second later in case a hook hangs. Looking, rather than a thread blocked in a
 * read that ends when the parent does: at exit, a JVM waits up to 300 ms for threads blocked in
 * native code, and nothing can unblock a read of a pipe. Until the bootstrap has come, the child's
 * main thread reads from its parent, and the end of that read tells it the parent is gone.
 */
final class ParentLink implements ProcessIdentity {

    /** The exit code of a child whose parent vanished; nobody is left to read it. */
    static final int ORPHANED = 70;

    private static final long HALT_AFTER_MILLIS = 1000;
    private static final long POLL_MILLIS = 100;

    private final String name;
    private final long pid;
    private final String parentSession;
    private volatile boolean alive = true;
    private volatile boolean leaving;

    ParentLink(String name, long pid, String parentSession) {
        this.name = name;
        this.pid = pid;
        this.parentSession = parentSession;
    }

    /**
     * Watches the parent until this child leaves or the parent is gone; in the latter case, ends
     * this JVM.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void watch() throws InterruptedException {
        while (!leaving) {
            Thread.sleep(POLL_MILLIS);
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            if (!leaving && (parent.isEmpty() || parent.get().pid() != pid)) {
                orphaned();
                return;
            }
        }
    }

    private void orphaned() {
        alive = false;
        if (!parentSession.isEmpty()) {
            Session.remove(Path.of(parentSession));
        }
        // our children would notice our exit one after the other; stopping them now is faster
        for (ChildProcess child : LocalRuntime.instance().activeChildren()) {
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

    /** Stops watching because this child is exiting by itself. */
    void leave() {
        leaving = true;
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
