package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * What every contract class has: the context under test, and ways of starting, joining and closing
 * that fail a test, rather than hang the build, when a backend is broken.
 *
 * <p>A backend's test suite extends each contract class and returns its context from
 * {@link #context()}, for example as {@code @Nested} classes of one test class whose
 * {@code @BeforeAll} starts what the backend needs once. The tests start real processes of that
 * context. Code that runs in a child must reach the context through a local variable it captures
 * ({@code ProcessContext mp = context();}), never through {@code this}: a test instance is not
 * serializable.
 */
public abstract class ContextContract {

    /** How long a step that takes milliseconds when things work may take before a test fails. */
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * The context under test; the same one for every call.
     *
     * @return the context
     */
    protected abstract ProcessContext context();

    /**
     * How soon a process waiting for a lock takes it over after its holder's process was killed:
     * what the backend promises. One second, the local backend's promise, unless a backend's suite
     * says otherwise.
     *
     * @return the bound
     */
    protected Duration holderDeathNoticedWithin() {
        return Duration.ofSeconds(1);
    }

    /**
     * How many bytes of messages a pipe of the context holds before a send waits for the other end
     * to receive: a message several times as large fills it. 1 MiB, the local backend's, unless a
     * backend's suite says otherwise.
     *
     * @return the bytes
     */
    protected int pipeRoom() {
        return 1 << 20;
    }

    /**
     * How many bytes of elements a queue of the context holds before a larger element is streamed
     * into it in parts, or 0 if the backend moves every element whole (then no element is ever
     * partly in a queue, and the tests of streaming are skipped). 1 MiB, the local backend's,
     * unless a backend's suite says otherwise.
     *
     * @return the bytes, or 0
     */
    protected int queueRoom() {
        return 1 << 20;
    }

    /**
     * How many messages each producer moves in the tests that count every message of a stream (a
     * twentieth of it: how many times each thread takes a lock in the tests that count every
     * update): a million, for a backend whose queues move millions a second, unless a backend's
     * suite, whose every message is a network round trip, says fewer.
     *
     * @return the messages per producer
     */
    protected int streamMessages() {
        return 1_000_000;
    }

    /**
     * How many times each of several processes updates one shared object they contend for, in the
     * tests that count every update, given how many the local backend's suite has them make: that
     * many, unless a backend whose every update is a network round trip says fewer.
     *
     * @param onTheLocalBackend the updates per process on the local backend
     * @return the updates per process
     */
    protected int contendedUpdates(int onTheLocalBackend) {
        return onTheLocalBackend;
    }

    /**
     * How many fresh processes a test starts that repeats a race of a process's first moments (its
     * first wait, say), given how many the local backend's suite starts: that many, unless a
     * backend whose every start also connects the child to a cluster says fewer.
     *
     * @param onTheLocalBackend the processes started on the local backend
     * @return the processes to start
     */
    protected int freshProcesses(int onTheLocalBackend) {
        return onTheLocalBackend;
    }

    /**
     * Starts a child of the context that runs {@code target}.
     *
     * @param target what the child runs
     * @return the started child
     */
    protected final ChildProcess start(SerializableRunnable target) {
        ChildProcess child = context().process(target);
        child.start();
        return child;
    }

    /**
     * Waits for {@code child} to exit, at most {@link #PATIENCE}; kills it and fails the test if it
     * does not.
     *
     * @param child a started child
     * @return its exit code
     * @throws InterruptedException if interrupted while waiting
     */
    protected static int joined(ChildProcess child) throws InterruptedException {
        if (!child.join(PATIENCE)) {
            child.kill();
            throw new AssertionError(child.name() + " did not exit within " + PATIENCE);
        }
        return child.exitCode();
    }

    /**
     * Waits for {@code child} to exit, at most {@link #PATIENCE}, and checks that its target
     * returned normally: exit code 0.
     *
     * @param child a started child
     */
    protected static void assertExitsCleanly(ChildProcess child) {
        try {
            assertThat(joined(child)).as("%s: %s", child, child.exception()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining " + child, e);
        }
    }

    /**
     * Waits for {@code child} to exit, at most {@link #PATIENCE}, without failing: for children a
     * test has already killed or is done with.
     *
     * @param child a started child
     */
    protected static void joinQuietly(ChildProcess child) {
        try {
            if (!child.join(PATIENCE)) {
                child.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Shuts {@code pool} down and waits for its work and workers, at most {@link #PATIENCE};
     * terminates it and fails the test if they are not done by then. Tests use this instead of
     * {@link ProcessPool#close()}, which waits as long as the work takes.
     *
     * @param pool the pool
     * @throws InterruptedException if interrupted while waiting
     */
    protected static void close(ProcessPool pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(PATIENCE.toNanos(), TimeUnit.NANOSECONDS)) {
            pool.terminate();
            throw new AssertionError(pool + " did not finish its work within " + PATIENCE);
        }
        assertThat(pool.isTerminated()).isTrue();
    }

    /**
     * {@link #close(ProcessPool)} as a resource of a try-with-resources statement, so that a failure
     * of the block is not hidden by one of the close:
     * <pre>{@code
     * ProcessPool pool = context().pool(2);
     * try (BoundedClose closing = closing(pool)) {
     *     ...
     * }
     * }</pre>
     *
     * @param pool the pool
     * @return what closes it
     */
    protected static BoundedClose closing(ProcessPool pool) {
        return () -> close(pool);
    }

    /** A close that is bounded in time; see {@link #closing(ProcessPool)}. */
    @FunctionalInterface
    @SuppressWarnings("try")
    protected interface BoundedClose extends AutoCloseable {
        @Override
        void close() throws InterruptedException;
    }

    /**
     * Runs {@code task} {@code times} times in each of {@code processes} children of the context,
     * which begin together (at a barrier) so that they contend, and checks that each exits
     * cleanly: for tests of what processes updating shared state at once leave in it.
     *
     * @param processes how many children
     * @param times how many times each runs the task
     * @param task what they run
     */
    protected final void runInChildrenAtOnce(int processes, int times, SerializableRunnable task) {
        ProcessBarrier begin = context().barrier(processes);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(start(() -> {
                begin.await();
                for (int i = 0; i < times; i++) {
                    task.run();
                }
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);
    }

    /**
     * {@code object} serialized and read back in this process, as it would be in another: for the
     * shared objects of a backend, another handle on the same resource.
     *
     * @param object a serializable object
     * @param <T> its type
     * @return the copy
     * @throws IOException if it cannot be serialized or read back
     * @throws ClassNotFoundException if reading it back needs a class that is missing
     */
    @SuppressWarnings("unchecked")
    protected static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        return (T) deserialized(serialized(object));
    }

    /**
     * {@code object} serialized, to be read back later by {@link #deserialized(byte[])}: for what
     * happens to a handle whose resource is gone meanwhile.
     *
     * @param object a serializable object
     * @return its serialized form
     * @throws IOException if it cannot be serialized
     */
    protected static byte[] serialized(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /**
     * The object that {@code bytes}, made by {@link #serialized(Object)}, stand for, read in this
     * process.
     *
     * @param bytes a serialized object
     * @return the object
     * @throws IOException if it cannot be read back, a handle among others if it cannot be bound
     * @throws ClassNotFoundException if reading it back needs a class that is missing
     */
    protected static Object deserialized(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /**
     * The pids of the pool workers of the context's that are running: its active children named
     * {@code PoolWorker-N}.
     *
     * @return the pids
     */
    protected final Set<Long> workerPids() {
        return context().activeChildren().stream().filter(child -> child.name().startsWith("PoolWorker-"))
                .map(ChildProcess::pid).collect(Collectors.toSet());
    }

    /**
     * Whether the process {@code pid} is running. A process that has ended but has not been reaped
     * yet (a zombie, as an orphan stays until the system reaps it) does not count, although
     * {@link ProcessHandle#isAlive()} counts it.
     *
     * @param pid a process id of this machine
     * @return {@code true} if it is
     */
    protected static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            // Linux: the state follows the command, which is in parentheses
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return !Files.isDirectory(Path.of("/proc", "self"));
        } catch (IOException | IndexOutOfBoundsException e) {
            return true;
        }
    }

    /**
     * Runs {@code task} on a thread of its own. Tests that block several tasks at once cannot use
     * {@link CompletableFuture#supplyAsync(Supplier)}'s default pool: on a two-core machine it has a
     * single thread from Java 21 on, and the second task would wait for the first.
     *
     * @param task the task
     * @param <T> its result's type
     * @return its future
     */
    protected static <T> CompletableFuture<T> onNewThread(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> new Thread(runnable).start());
    }
}
