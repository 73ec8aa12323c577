package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.cluster.Member;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;

/**
 * A child on a cluster, seen from its parent. {@link #start()} encodes the target here (so that a
 * bad one fails here), then asks a member to start the child and waits for its pid. The member
 * files the child's exit in this process's exit map, which {@link ClusterRuntime} hands to
 * {@link #exited}; a member that leaves the cluster ends its children with {@link #MEMBER_LEFT}.
 */
final class ClusterChildProcess implements ChildProcess {

    /** The exit code of a child whose member left the cluster: it was killed with it. */
    static final int MEMBER_LEFT = -9;

    private enum State { NEW, STARTED, CLOSED }

    private final ClusterRuntime runtime;
    private final CompletableFuture<ChildProcess> exit = new CompletableFuture<>();
    private volatile String name;
    private boolean daemon;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private Redirection output = Redirection.INHERIT;
    private Redirection error = Redirection.INHERIT;
    private SerializableRunnable target;

    private volatile State state = State.NEW;
    private volatile String id;
    private volatile Member member;
    private volatile long pid;
    private volatile Integer exitCode;
    private volatile Throwable exception;
    /** What gives back the pipe ends held in flight for the child, once it has ended. */
    private volatile List<Runnable> inFlight = List.of();

    ClusterChildProcess(ClusterRuntime runtime, SerializableRunnable target, String name, boolean daemon) {
        this.runtime = runtime;
        this.target = Objects.requireNonNull(target, "target");
        this.name = name;
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
                throw new IllegalArgumentException("a JVM option is blank: " + List.of(options));
            }
        }
        jvmOptions.addAll(List.of(options));
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
        this.directory = directory.toAbsolutePath();
        return this;
    }

    @Override
    public synchronized ChildProcess redirectOutput(Redirect destination) {
        requireNew();
        output = Redirection.of(destination);
        return this;
    }

    @Override
    public synchronized ChildProcess redirectError(Redirect destination) {
        requireNew();
        error = Redirection.of(destination);
        return this;
    }

    @Override
    public synchronized void start() {
        requireNew();
        ProcessPlace parent = ProcessPlace.current();
        if (parent.daemon()) {
            throw new IllegalStateException("a daemon process may not start children");
        }
        // pipe ends in a target are held for the child until it has ended, or given back if it never starts
        int mark = InFlightHolds.begin();
        boolean launched = false;
        try {
            launch(parent);
            launched = true;
        } finally {
            if (launched) {
                inFlight = InFlightHolds.keep(mark);
            } else {
                InFlightHolds.end(mark, false);
            }
        }
        state = State.STARTED;
        target = null;
    }

    /** Encodes the target and has the chosen member start the child. */
    private void launch(ProcessPlace parent) {
        byte[] encoded;
        try {
            encoded = SerializedBytes.of(Serializer.standard(), target);
        } catch (UnserializableObjectException e) {
            throw new UnserializableObjectException("target of " + name, e.className(), e);
        }
        String childId = UUID.randomUUID().toString();
        ProcessPlace place = new ProcessPlace(childId, name, 0, daemon, parent.id(), parent.name(), parent.pid(),
                null, null);
        Member chosen = runtime.nextMember();
        LaunchChild launch = new LaunchChild(place, runtime.instance().getLocalEndpoint().getUuid(), encoded,
                runtime.options().asMap(), List.copyOf(jvmOptions), new LinkedHashMap<>(environment),
                directory == null ? null : directory.toString(), output, error);
        id = childId;
        member = chosen;
        runtime.started(this, childId);
        try {
            pid = runtime.instance().getExecutorService(ClusterRuntime.EXECUTOR).submitToMember(launch, chosen)
                    .get(ClusterRuntime.PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            runtime.ended(childId);
            throw new IllegalStateException(name + " could not be started on the member " + chosen.getAddress(),
                    e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            runtime.ended(childId);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " was starting", e);
        }
    }

    void exited(ExitRecord record) {
        Throwable failure = null;
        if (record.exception() != null) {
            try {
                failure = (Throwable) SerializedBytes.read(Serializer.standard(), record.exception());
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        ended(record.code(), failure);
    }

    void memberLeft(Member left) {
        if (left.getUuid().equals(member.getUuid())) {
            ended(MEMBER_LEFT, null);
        }
    }

    private void ended(int code, Throwable failure) {
        synchronized (exit) {
            if (exit.isDone()) {
                return;
            }
            exitCode = code;
            exception = failure;
        }
        runtime.ended(id);
        // those it took over are no longer held in flight: giving them back changes nothing
        inFlight.forEach(Runnable::run);
        inFlight = List.of();
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
        return join(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
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
        signal(false);
    }

    @Override
    public void kill() {
        signal(true);
    }

    private void signal(boolean kill) {
        requireStartedOrExited();
        if (exit.isDone()) {
            return;
        }
        try {
            runtime.instance().getExecutorService(ClusterRuntime.EXECUTOR)
                    .submitToMember(new SignalChild(id, kill), member)
                    .get(ClusterRuntime.PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the member is gone, and the child with it: its exit comes with the member's removal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        if (state != State.STARTED) {
            throw new IllegalStateException(state == State.CLOSED ? name + " is closed" : name + " has not been started");
        }
        return pid;
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
        return "<ChildProcess name='" + name + "' " + status + (daemon ? " daemon" : "") + " member="
                + (member == null ? "none" : member.getAddress()) + ">";
    }
}
