package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessIdentity;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.log.LibraryLog;
import org.multiprocessing4j.internal.shm.OwnedBlocks;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/**
 * The local backend's state in this JVM, shared by every local context: who the current process
 * is (the main process, or a child told by its parent at start-up), the children it numbers, names
 * and keeps while they run, the session directory (created when something first needs to share
 * files with children) with the shared segments in it and the record of the named blocks this
 * process owns, the class-data archive, and the spare pools of the warm contexts. At JVM exit it
 * terminates daemon children and spares and removes the session, unlinking those blocks, as
 * Python's exit function and resource tracker do. Non-daemon children keep the JVM alive by
 * themselves: each has a non-daemon watcher thread until it exits, which is how a Java program
 * "joins" them at exit.
 */
public final class LocalRuntime {

    private static final long TRAINING_WAIT_SECONDS = 5;
    private static final int REHEARSAL_LIMIT = 64 * 1024;

    private static LocalRuntime instance;

    private final CurrentProcess current;
    private final ParentLink parent;
    private final AtomicInteger childCount = new AtomicInteger();
    private final Set<LocalChildProcess> running = new LinkedHashSet<>();
    private final List<SparePool> sparePools = new ArrayList<>();
    private SegmentDirectory segments;
    private OwnedBlocks ownedBlocks;
    private Session session;
    private boolean exitHookInstalled;
    private SecureRandom random;
    private Optional<ClassDataArchive> archive;
    private CompletableFuture<Void> archiveTraining;
    private volatile byte[] recentTarget = new byte[0];

    /** Only for {@link #instance()} and {@link #becomeChild}, and a spare's rehearsal of the latter. */
    LocalRuntime(CurrentProcess current, ParentLink parent) {
        this.current = current;
        this.parent = parent;
    }

    /**
     * The local backend's state of this JVM.
     *
     * @return the state, created as the main process's on first use outside a child
     */
    public static synchronized LocalRuntime instance() {
        if (instance == null) {
            instance = new LocalRuntime(CurrentProcess.main(), null);
        }
        return instance;
    }

    /** Makes this JVM the child described by {@code bootstrap}, before its target runs. */
    static synchronized LocalRuntime becomeChild(Bootstrap bootstrap, ParentLink parent) {
        if (instance != null) {
            throw new IllegalStateException("the process context was used before the child was set up");
        }
        instance = new LocalRuntime(new CurrentProcess(bootstrap.name(), bootstrap.pid(),
                bootstrap.daemon(), bootstrap.identity()), parent);
        return instance;
    }

    /**
     * A pool of {@code count} spare JVMs with these extra options, launched when a child first
     * asks for one (or {@link SparePool#awaitFull} is called) and stopped at exit.
     *
     * @param count how many spares to keep ready
     * @param jvmOptions their extra JVM options
     * @return the pool
     */
    public synchronized SparePool newSparePool(int count, List<String> jvmOptions) {
        SparePool pool = new SparePool(this, count, JvmCommand.checked(jvmOptions));
        sparePools.add(pool);
        installExitHook();
        return pool;
    }

    /**
     * Remembers the encoded target of a start: spares launched from now on rehearse it, and so does
     * the child that trains the class-data archive, since a program tends to start the same kind of
     * target again. Larger targets are not remembered: what they capture is not worth copying.
     */
    void recordTarget(byte[] target) {
        if (target.length <= REHEARSAL_LIMIT) {
            recentTarget = target;
        }
    }

    /** The target last remembered by {@link #recordTarget}, or no bytes. */
    byte[] recentTarget() {
        return recentTarget;
    }

    /**
     * A new child of this process, not started, that runs {@code target}.
     *
     * @param target what it runs
     * @param spares where it takes a spare JVM from, or {@code null} to start cold
     * @return the child
     */
    public ChildProcess newChild(SerializableRunnable target, SparePool spares) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        int number = childCount.incrementAndGet();
        return new LocalChildProcess(this, spares, target, current.childName(number), current.childIdentity(number),
                current.isDaemon(), true);
    }

    /** The process this code runs in. */
    public ProcessIdentity currentProcess() {
        return current;
    }

    /** The process that started this one, if it is a child. */
    public Optional<ProcessIdentity> parentProcess() {
        return Optional.ofNullable(parent);
    }

    /** The children of this process that are running, in start order. */
    public synchronized List<ChildProcess> activeChildren() {
        return List.copyOf(running);
    }

    /** Where this process creates the segments of what it shares: its session directory. */
    public synchronized SegmentDirectory segments() {
        if (segments == null) {
            // made on first use, not with the runtime: a child that shares nothing never links the lambda
            segments = new SegmentDirectory(this::sessionPath);
        }
        return segments;
    }

    /** The named blocks this process owns, unlinked when the session is removed. */
    public synchronized OwnedBlocks ownedBlocks() {
        if (ownedBlocks == null) {
            ownedBlocks = new OwnedBlocks(this::sessionPath);
        }
        return ownedBlocks;
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
            installExitHook();
        }
        return session;
    }

    private synchronized void installExitHook() {
        if (!exitHookInstalled) {
            exitHookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::exit, "multiprocessing4j exit"));
        }
    }

    /** A fresh secret for a child to prove itself with when it connects. */
    byte[] newToken() {
        byte[] token = new byte[16];
        random().nextBytes(token);
        return token;
    }

    private synchronized SecureRandom random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }

    /**
     * The options every child gets before its own: no performance-data file (it costs a few
     * milliseconds of every start, and only {@code jps} and {@code jstat} read it), and the
     * class-data archive when there is a sound one. When there is none yet, the first call starts
     * a training child that makes it.
     */
    synchronized List<String> sharedJvmOptions() {
        if (archive == null) {
            archive = ClassDataArchive.forThisJvm();
        }
        List<String> options = new ArrayList<>(List.of("-XX:-UsePerfData"));
        if (archive.isPresent()) {
            List<String> archiveOptions = archive.get().useOptions();
            if (archiveOptions.isEmpty() && archiveTraining == null) {
                archiveTraining = trainArchive(archive.get());
            }
            options.addAll(archiveOptions);
        }
        return options;
    }

    /**
     * Starts a child that rehearses the target being started (see {@link #recordTarget}), runs the
     * usual way to {@link ArchiveTraining}'s target, and writes the classes it loaded into an
     * archive as it exits: the library's, the application's, and the JDK's that the library's
     * shared memory and serialization use. It is unlisted (not numbered, not among the active
     * children); a program that exits before it is done waits for it a moment (see
     * {@link #exit()}), since only this process can tell a finished archive from a torn one.
     *
     * @return completed once the archive is installed, or is known not to be coming
     */
    private CompletableFuture<Void> trainArchive(ClassDataArchive target) {
        Path draft;
        try {
            draft = target.draft(current.pid());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(null);
        }
        LocalChildProcess trainer = new LocalChildProcess(this, null, ArchiveTraining.target(), "ArchiveTraining",
                new int[] {0}, false, false);
        trainer.rehearse(recentTarget);
        trainer.jvmOptions(ClassDataArchive.trainingOptions(draft).toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        trainer.start();
        boolean torn = Files.exists(target.path());
        LibraryLog.PROCESSES.debug("training the class-data archive {} in the JVM {}: {}; children start without it"
                + " meanwhile", target.path(), trainer.pid(), torn ? "the one there is torn or was made for other jars"
                : "there is none yet");
        // the archive is written as the trainer's JVM shuts down, after the trainer reports its exit
        return trainer.jvmExit().thenRun(() -> {
            boolean installed = target.install(draft);
            LibraryLog.PROCESSES.debug(installed ? "class-data archive {} installed: children map it from now on"
                    : "the training of the class-data archive {} left no archive: children start without one",
                    target.path());
        });
    }

    synchronized void started(LocalChildProcess child) {
        running.add(child);
        installExitHook();
    }

    synchronized void exited(LocalChildProcess child) {
        running.remove(child);
    }

    /**
     * At JVM exit: daemon children are terminated, an archive being trained is waited for (a
     * training child takes a few hundred milliseconds, once per class path), the session removed.
     * Its shutdown hook calls it, and so does the orphaned trainer of the class-data archive, which
     * ends without running hooks.
     */
    void exit() {
        List<SparePool> pools;
        synchronized (this) {
            pools = List.copyOf(sparePools);
        }
        pools.forEach(SparePool::close);
        for (ChildProcess child : activeChildren()) {
            if (child.isDaemon()) {
                child.terminate();
            }
        }
        CompletableFuture<Void> training;
        synchronized (this) {
            training = archiveTraining;
        }
        if (training != null) {
            try {
                training.get(TRAINING_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                // exit anyway; the next program trains again
            }
        }
        synchronized (this) {
            if (session != null) {
                session.delete();
            }
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

}
