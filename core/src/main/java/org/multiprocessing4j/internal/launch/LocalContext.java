package org.multiprocessing4j.internal.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessIdentity;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * The context that runs children as JVMs on this machine; one per JVM.
 *
 * <p>It knows who the current process is (the main process, or a child told by its parent at
 * start-up), numbers and names the children, keeps the running ones, owns the session directory,
 * and at JVM exit terminates daemon children and removes the session, as Python's exit function
 * does. Non-daemon children keep the JVM alive by themselves: each has a non-daemon watcher thread
 * until it exits, which is how a Java program "joins" them at exit.
 */
public final class LocalContext implements ProcessContext {

    private static LocalContext instance;

    private final CurrentProcess current;
    private final ParentLink parent;
    private final AtomicInteger childCount = new AtomicInteger();
    private final Set<LocalChildProcess> running = new LinkedHashSet<>();
    private Session session;

    private LocalContext(CurrentProcess current, ParentLink parent) {
        this.current = current;
        this.parent = parent;
    }

    /**
     * The context of this JVM.
     *
     * @return the context, created as the main process's on first use outside a child
     */
    public static synchronized LocalContext instance() {
        if (instance == null) {
            instance = new LocalContext(CurrentProcess.main(), null);
        }
        return instance;
    }

    /** Makes this JVM the child described by {@code bootstrap}, before its target runs. */
    static synchronized LocalContext becomeChild(Bootstrap bootstrap, ParentLink parent) {
        if (instance != null) {
            throw new IllegalStateException("the process context was used before the child was set up");
        }
        instance = new LocalContext(new CurrentProcess(bootstrap.name(), ProcessHandle.current().pid(),
                bootstrap.daemon(), bootstrap.identity()), parent);
        return instance;
    }

    @Override
    public ChildProcess process(SerializableRunnable target) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        int number = childCount.incrementAndGet();
        return new LocalChildProcess(this, target, current.childName(number), current.childIdentity(number),
                current.isDaemon());
    }

    @Override
    public ProcessIdentity currentProcess() {
        return current;
    }

    @Override
    public Optional<ProcessIdentity> parentProcess() {
        return Optional.ofNullable(parent);
    }

    @Override
    public synchronized List<ChildProcess> activeChildren() {
        return List.copyOf(running);
    }

    CurrentProcess current() {
        return current;
    }

    /**
     * The session directory, created on first use.
     *
     * @return the session
     */
    synchronized Session session() {
        if (session == null) {
            session = Session.open();
            Runtime.getRuntime().addShutdownHook(new Thread(this::exit, "multiprocessing4j exit"));
        }
        return session;
    }

    synchronized void started(LocalChildProcess child) {
        running.add(child);
    }

    synchronized void exited(LocalChildProcess child) {
        running.remove(child);
    }

    /** At JVM exit: daemon children are terminated, the session removed. */
    private void exit() {
        for (ChildProcess child : activeChildren()) {
            if (child.isDaemon()) {
                child.terminate();
            }
        }
        synchronized (this) {
            session.delete();
        }
    }

    /**
     * What a child does after its target returns, as Python's exit function: terminate daemon
     * children, then wait for the others.
     */
    void finishChildren() throws InterruptedException {
        List<ChildProcess> children = new ArrayList<>(activeChildren());
        for (ChildProcess child : children) {
            if (child.isDaemon()) {
                child.terminate();
            }
        }
        for (ChildProcess child : children) {
            child.join();
        }
    }

    /**
     * This process's session directory, created on first use: where its sockets and shared
     * segments live. Removed when the process exits.
     *
     * @return the directory
     */
    public Path sessionPath() {
        return session().directory();
    }

    /**
     * The session directory path, for tests that check nothing is left behind.
     *
     * @return the directory, or empty before the first child was started
     */
    public synchronized Optional<Path> sessionDirectory() {
        return Optional.ofNullable(session).map(Session::directory);
    }
}
