package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.multiprocessing4j.internal.serial.TargetCodec;

/**
 * A child JVM seen from its parent.
 *
 * <p>{@link #start()} serializes the target (so a bad target fails here, before anything runs),
 * listens on a one-off loopback port, and launches the JVM with the port as its argument and a
 * random token in its environment. A watcher thread, a daemon exactly when the child is, then drives the
 * child's whole life in {@link ChildConversation}; its end completes {@link #onExit()}. Joining is
 * waiting on that future.
 */
final class LocalChildProcess implements ChildProcess {

    private enum State { NEW, STARTED, CLOSED }

    private final LocalContext context;
    private final SerializableRunnable target;
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

    private volatile State state = State.NEW;
    private volatile Process process;
    private volatile Integer exitCode;
    private volatile Throwable exception;

    /**
     * @param listed whether the child counts among the context's active children; only helpers of
     *     the library itself are not
     */
    LocalChildProcess(LocalContext context, SerializableRunnable target, String name, int[] identity,
            boolean daemon, boolean listed) {
        this.context = context;
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
        for (String option : options) {
            if (option == null || option.isBlank()) {
                // the launcher would take an empty argument for the main class
                throw new IllegalArgumentException("blank JVM option in " + java.util.Arrays.toString(options));
            }
            jvmOptions.add(option);
        }
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
        if (context.current().isDaemon()) {
            throw new IllegalStateException("a daemon process may not start children");
        }
        byte[] serializedTarget = TargetCodec.encode(target, "target of " + name);
        byte[] token = context.newToken();
        // created now so that the child knows it: a child that outlives its parent removes it
        Path session = context.session().directory();
        ServerSocket listener = listen();
        try {
            process = builder(listener.getLocalPort(), token).start();
        } catch (IOException | RuntimeException e) {
            ChildConversation.closeQuietly(listener);
            throw e instanceof IOException io ? new UncheckedIOException("cannot launch a child JVM", io)
                    : (RuntimeException) e;
        }
        state = State.STARTED;
        if (listed) {
            context.started(this);
        }
        Bootstrap bootstrap = new Bootstrap(name, process.pid(), identity, daemon, context.current().name(),
                context.current().pid(), session.toString(), serializedTarget);
        Thread watcher = new Thread(() -> new ChildConversation(this, process, listener, token, bootstrap).run(),
                "multiprocessing4j watch " + name);
        watcher.setDaemon(daemon);
        watcher.start();
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback interface", e);
        }
    }

    private ProcessBuilder builder(int port, byte[] token) {
        List<String> options = new ArrayList<>(listed ? context.sharedJvmOptions() : List.of());
        options.addAll(jvmOptions);
        ProcessBuilder builder = new ProcessBuilder(JvmCommand.of(options, port))
                .redirectInput(org.multiprocessing4j.internal.platform.Platform.nullDevice())
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
        // the environment, unlike the command line, is readable only by the child's owner
        builder.environment().put(ChildMain.TOKEN_VARIABLE, HexFormat.of().formatHex(token));
        return builder;
    }

    /** Called once by the watcher when the child has exited and everything it said is read. */
    void exited(int code, Throwable failure) {
        exitCode = code;
        exception = failure;
        context.exited(this);
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
        return join(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<ChildProcess> onExit() {
        requireStartedOrExited();
        return exit.copy();
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
        process.destroy();
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
        return daemon;
    }

    @Override
    public boolean isAlive() {
        return state == State.STARTED && !exit.isDone();
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
