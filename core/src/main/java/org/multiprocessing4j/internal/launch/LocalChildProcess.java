package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.shm.SentEnds;
import org.multiprocessing4j.internal.log.LibraryLog;
import org.multiprocessing4j.internal.serial.TargetCodec;
import org.multiprocessing4j.internal.transport.FrameChannel;

/**
 * A child JVM seen from its parent.
 *
 * <p>{@link #start()} encodes the target (so a bad target fails here, before anything runs), then
 * either hands it to a spare JVM ({@link SparePool}) or launches a JVM ({@link LaunchedJvm}). A
 * watcher thread, a daemon exactly when the child is, then drives the rest of the child's life in
 * {@link ChildConversation}, which completes {@link #onExit()} when the child reports how its
 * target ended (or, if it never does, when its process has exited). Joining is waiting on that
 * future. Once started, the child keeps no reference to its target, nor to its encoding once that
 * is sent, so that what the target captured can be collected while the child runs, as in Python.
 */
final class LocalChildProcess implements ChildProcess {

    private enum State { NEW, STARTED, CLOSED }

    private final LocalRuntime runtime;
    private final SparePool spares;
    private final int[] identity;
    private final boolean listed;
    private final CompletableFuture<ChildProcess> exit = new CompletableFuture<>();

    private volatile String name;
    private boolean daemon;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private Redirect output = Redirect.INHERIT;
    private Redirect error = Redirect.INHERIT;
    private byte[] rehearsal;
    /** Until the child has started. */
    private SerializableRunnable target;

    private volatile State state = State.NEW;
    private volatile Process process;
    private volatile Integer exitCode;
    private volatile Throwable exception;

    /**
     * @param spares where a warm start takes a spare JVM, or {@code null} to start cold
     * @param listed whether the child counts among the active children; only helpers of the
     *     library itself are not
     */
    LocalChildProcess(LocalRuntime runtime, SparePool spares, SerializableRunnable target, String name,
            int[] identity, boolean daemon, boolean listed) {
        this.runtime = runtime;
        this.spares = spares;
        this.listed = listed;
        this.target = target;
        this.name = name;
        this.identity = identity;
        this.daemon = daemon;
    }

    @Override
    public ChildProcess name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    @Override
    public synchronized ChildProcess daemon(boolean daemon) {
        requireNew();
        this.daemon = daemon;
        return this;
    }

    @Override
    public synchronized ChildProcess jvmOptions(String... options) {
        requireNew();
        jvmOptions.addAll(JvmCommand.checked(Arrays.asList(options)));
        return this;
    }

    @Override
    public synchronized ChildProcess environment(String variable, String value) {
        requireNew();
        environment.put(Objects.requireNonNull(variable, "variable"), value);
        return this;
    }

    @Override
    public synchronized ChildProcess directory(Path directory) {
        requireNew();
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    @Override
    public synchronized ChildProcess redirectOutput(Redirect destination) {
        requireNew();
        output = checkedDestination(destination);
        return this;
    }

    @Override
    public synchronized ChildProcess redirectError(Redirect destination) {
        requireNew();
        error = checkedDestination(destination);
        return this;
    }

    private static Redirect checkedDestination(Redirect destination) {
        if (destination.type() == Redirect.Type.PIPE || destination.type() == Redirect.Type.READ) {
            throw new IllegalArgumentException("not an output destination for a child: " + destination);
        }
        return destination;
    }

    @Override
    public synchronized void start() {
        requireNew();
        if (runtime.current().isDaemon()) {
            throw new IllegalStateException("a daemon process may not start children");
        }
        int mark = SentEnds.begin();
        byte[] serializedTarget = null;
        try {
            serializedTarget = TargetCodec.encodeTarget(target, "target of " + name);
        } finally {
            if (serializedTarget == null) {
                SentEnds.giveBack(mark);
            }
        }
        SentEnds sent = SentEnds.keep(mark);
        try {
            launch(serializedTarget);
        } catch (RuntimeException e) {
            sent.giveBack();
            throw e;
        }
        // the pipe ends sent in the target are the child's once it has read it, or given back
        exit.whenComplete((child, failure) -> sent.giveBack());
    }

    private void launch(byte[] serializedTarget) {
        // created now so that the child knows it: a child that outlives its parent removes it
        String session = runtime.session().directory().toString();
        LaunchedJvm jvm = null;
        FrameChannel booted = null;
        Bootstrap bootstrap = null;
        if (listed) {
            runtime.recordTarget(serializedTarget);
        }
        String cold = coldReason();
        SparePool.Spare spare = cold == null ? spares.take(exit) : null;
        if (spare != null) {
            bootstrap = bootstrap(spare.jvm().process().pid(), session, serializedTarget);
            try {
                // sent here rather than by the watcher: a warm start is over in a millisecond
                spare.channel().write(Bootstrap.BOOT, bootstrap.encode());
                jvm = spare.jvm();
                booted = spare.channel();
                LibraryLog.PROCESSES.trace("{} starts warm in the spare JVM {}", name, jvm.process().pid());
            } catch (IOException e) {
                SparePool.discard(spare);
                cold = "its spare JVM " + spare.jvm().process().pid() + " could not be reached (" + e + ")";
            }
        } else if (cold == null) {
            int launching = spares.launching();
            cold = "no spare JVM is ready" + (launching > 0 ? " (" + launching + " launching)" : "");
        }
        if (jvm == null) {
            jvm = LaunchedJvm.launch(builder());
            bootstrap = bootstrap(jvm.process().pid(), session, serializedTarget);
            if (listed) {
                LibraryLog.PROCESSES.debug("{} (pid {}) starts cold: {}", name, jvm.process().pid(), cold);
            }
        }
        process = jvm.process();
        state = State.STARTED;
        target = null;
        if (listed) {
            runtime.started(this);
        }
        byte[] coldBootstrap = booted == null ? bootstrap.encode() : null;
        ChildConversation conversation = new ChildConversation(this, jvm, booted, coldBootstrap, rehearsal, session);
        Thread watcher = new Thread(conversation, "multiprocessing4j watch " + name);
        watcher.setDaemon(daemon);
        watcher.start();
    }

    private Bootstrap bootstrap(long pid, String session, byte[] serializedTarget) {
        return new Bootstrap(name, pid, identity, daemon, runtime.current().name(), runtime.current().pid(),
                session, serializedTarget);
    }

    /** Has this child, if it starts cold, rehearse {@code target} before its own (see {@link ChildMain}). */
    synchronized void rehearse(byte[] target) {
        requireNew();
        rehearsal = target;
    }

    /**
     * Why this child cannot take a spare, or {@code null} if it may: spares inherit the
     * environment, directory and streams, and have their pool's JVM options.
     */
    private String coldReason() {
        if (spares == null || !listed) {
            return "its context starts every child cold";
        } else if (!environment.isEmpty() || directory != null) {
            return "it has an environment or working directory of its own";
        } else if (output != Redirect.INHERIT || error != Redirect.INHERIT) {
            return "its output or error is redirected";
        } else if (!spares.fits(jvmOptions)) {
            return "its JVM options " + jvmOptions + " are not the spares' " + spares.jvmOptions();
        }
        return null;
    }

    private ProcessBuilder builder() {
        List<String> options = new ArrayList<>(listed ? runtime.sharedJvmOptions() : List.of());
        options.addAll(jvmOptions);
        ProcessBuilder builder = new ProcessBuilder(JvmCommand.of(options))
                .redirectInput(Redirect.PIPE)
                .redirectOutput(output)
                .redirectError(error);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        environment.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        return builder;
    }

    /** Called once by the watcher when the child has exited and everything it said is read. */
    void exited(int code, Throwable failure) {
        exitCode = code;
        exception = failure;
        runtime.exited(this);
        exit.complete(this);
    }

    @Override
    public void join() throws InterruptedException {
        requireStartedOrExited();
        try {
            exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        requireStartedOrExited();
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        // saturates where toNanos() would throw: a wait of 292 years is for ever
        return join(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<ChildProcess> onExit() {
        requireStartedOrExited();
        return exit.copy();
    }

    /**
     * Completes when the child's JVM has ended, which may be a moment after {@link #onExit()}: a
     * child reports how its target ended, then its JVM shuts down.
     */
    CompletableFuture<Process> jvmExit() {
        requireStartedOrExited();
        return process.onExit();
    }

    @Override
    public Integer exitCode() {
        return exitCode;
    }

    @Override
    public Optional<Throwable> exception() {
        return Optional.ofNullable(exception);
    }

    @Override
    public void terminate() {
        requireStartedOrExited();
        // the handle's, not the Process's: that one also closes the child's standard input, which
        // the child watches for its parent's death (see ParentLink)
        process.toHandle().destroy();
    }

    @Override
    public void kill() {
        requireStartedOrExited();
        process.destroyForcibly();
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.STARTED && !exit.isDone()) {
            throw new IllegalStateException(name + " is still running; join or terminate it before closing");
        }
        state = State.CLOSED;
        process = null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        Process started = process;
        if (started == null) {
            throw new IllegalStateException(state == State.CLOSED ? name + " is closed" : name + " has not been started");
        }
        return started.pid();
    }

    @Override
    public synchronized boolean isDaemon() {
        requireOpen();
        return daemon;
    }

    @Override
    public boolean isAlive() {
        requireOpen();
        return state == State.STARTED && !exit.isDone();
    }

    private void requireOpen() {
        if (state == State.CLOSED) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    private void requireNew() {
        if (state != State.NEW) {
            throw new IllegalStateException(name + (state == State.CLOSED ? " is closed" : " has already been started"));
        }
    }

    private void requireStartedOrExited() {
        if (state != State.STARTED) {
            throw new IllegalStateException(name + (state == State.CLOSED ? " is closed" : " has not been started"));
        }
    }

    @Override
    public String toString() {
        Integer code = exitCode;
        String status = state == State.NEW ? "initial"
                : state == State.CLOSED ? "closed"
                : code == null ? "started" : "stopped exitcode=" + code;
        return "<ChildProcess name='" + name + "' " + status + (daemon ? " daemon" : "") + ">";
    }
}
