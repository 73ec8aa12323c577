package org.multiprocessing4j.internal.launch;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessIdentity;

/**
 * A child's parent, and the guarantee that the child does not outlive it.
 *
 * <p>A child's standard input is a pipe whose only writing end its parent holds, open until the
 * child exits, and never writes to once the bootstrap is sent. {@link #watch(FileChannel)} reads
 * that pipe: the read ends, with end of file, the moment the kernel closes the parent's end,
 * however the parent died. The end counts once this child has been given another parent, which
 * the kernel does right after it closes a dead parent's files; a parent that closed the pipe and
 * lives on (the JDK's {@code Process.destroy} closes it, which the library therefore does not
 * call) is looked at every {@value #POLL_MILLIS} ms instead. Looking at the parent every so often
 * from the start would learn of its death up to a period late, and cost a wake-up each period.
 *
 * <p>Then the watch removes the parent's session directory (the parent cannot any more),
 * terminates this child's own children, and exits this JVM through {@link System#exit} so that
 * shutdown hooks run, with a halt {@value #HALT_AFTER_MILLIS} ms later in case a hook hangs: the
 * child is gone within half a second of its parent. The JVM that trains the class-data archive
 * ends at once instead, by {@link #halt()}.
 *
 * <p>The read goes through a {@link FileChannel}, not a stream: at exit, a JVM waits up to 300 ms
 * for threads blocked in native code, and only a channel's read can be ended from another thread,
 * by closing the channel. A shutdown hook does that however the JVM exits, but by
 * {@link Runtime#halt}; in a spare, after its report, since the parent's join waits for that.
 */
final class ParentLink implements ProcessIdentity {

    /** The exit code of a child whose parent vanished; nobody is left to read it. */
    static final int ORPHANED = 70;

    private static final long HALT_AFTER_MILLIS = 250;
    private static final long POLL_MILLIS = 100;
    /**
     * How many naps of a millisecond the kernel may take from closing a dead parent's files to
     * giving its children another.
     */
    private static final int REPARENT_NAPS = 100;

    private final String name;
    private final long pid;
    private final String parentSession;
    private volatile boolean alive = true;
    private volatile boolean leaving;
    private FileChannel parentPipe;

    /** Made before the target runs: the shutdown hook that ends the watch is in place for any exit. */
    ParentLink(String name, long pid, String parentSession) {
        this.name = name;
        this.pid = pid;
        this.parentSession = parentSession;
        // not a lambda: linking one costs a child's start half a millisecond
        ChildExit.atShutdown(new Runnable() {
            @Override
            public void run() {
                endWatch();
            }
        });
    }

    /**
     * The pipe {@link #watch} reads: standard input, as a channel. Opened ahead, in a spare while
     * it waits, so that what opening it loads is not loaded while a target runs.
     *
     * @return the pipe from the parent
     */
    static FileChannel parentPipe() {
        FileChannel pipe = new FileInputStream(FileDescriptor.in).getChannel();
        try {
            // loads what a read needs, without reading
            pipe.read(ByteBuffer.allocate(0));
        } catch (IOException e) {
            // the watch's first read will say so
        }
        return pipe;
    }

    /**
     * Watches the parent until this child leaves or the parent is gone; in the latter case, ends
     * this JVM. Called once, by the thread that watches.
     *
     * @param pipe what {@link #parentPipe()} returned
     */
    void watch(FileChannel pipe) {
        synchronized (this) {
            parentPipe = pipe;
            if (leaving) {
                endWatch();
                return;
            }
        }
        ByteBuffer nothing = ByteBuffer.allocate(1);
        try {
            while (pipe.read(nothing) >= 0) {
                nothing.clear();
            }
        } catch (IOException closedByLeaveOrInterrupt) {
            return;
        }
        try {
            if (awaitAnotherParent()) {
                orphaned();
            }
        } catch (InterruptedException e) {
            // nothing to watch any more
        }
    }

    /**
     * After the pipe's end: waits until this child has another parent, which is when the parent is
     * gone; {@code false} if this child leaves first.
     */
    private boolean awaitAnotherParent() throws InterruptedException {
        for (int naps = 0; !leaving; naps++) {
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            if (parent.isEmpty() || parent.get().pid() != pid) {
                return !leaving;
            }
            Thread.sleep(naps < REPARENT_NAPS ? 1 : POLL_MILLIS);
        }
        return false;
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
        if (Boolean.getBoolean(ClassDataArchive.TRAINING_PROPERTY)) {
            LocalRuntime.instance().exit();
            halt();
        }
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException e) {
                // halt now
            }
            halt();
        }, "multiprocessing4j orphan halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(ORPHANED);
    }

    /**
     * Ends this JVM at once, its shutdown hooks not run. A JVM that trains the class-data archive
     * writes it as it exits, by {@link Runtime#halt} too, which takes hundreds of milliseconds:
     * with its parent dead, nobody will install that archive, so it ends by {@code SIGKILL}, the
     * one end that skips the JVM's own work (which the JDK lets a process send only to others).
     */
    static void halt() {
        if (Boolean.getBoolean(ClassDataArchive.TRAINING_PROPERTY)) {
            try {
                new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            } catch (IOException | InterruptedException e) {
                // no kill command: the halt writes the archive, later than it could have ended
            }
        }
        Runtime.getRuntime().halt(ORPHANED);
    }

    /** From now on, the parent's death is not this child's business: it is exiting by itself. */
    void leave() {
        leaving = true;
    }

    /** Ends the watch, whose thread must not be blocked in its read as the JVM exits. */
    private synchronized void endWatch() {
        leaving = true;
        if (parentPipe != null) {
            try {
                parentPipe.close();
            } catch (IOException e) {
                // the watch has ended either way
            }
        }
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
