package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.internal.log.LibraryLog;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;
import org.multiprocessing4j.internal.transport.FrameChannel;

/**
 * Idle child JVMs, started ahead and waiting for a target: the JVM's answer to Python's
 * {@code forkserver}, since a JVM cannot fork.
 *
 * <p>A spare is launched exactly like a cold child with default options: same command line, same
 * inherited options, same archive, standard streams inherited. It connects, shows its token,
 * finishes warming up, says it is ready, and waits for its bootstrap. {@link #take} hands one out
 * (the caller sends the bootstrap) and has a replacement launched on the pool's own thread a little
 * later, so that neither the start that took it nor the child's first moments pay for the launch.
 * A spare that died while idle is dropped. Spares need no care at exit: a spare reads its parent's
 * end of the connection like any child, so it halts when its parent is gone, however it ended;
 * {@link #close()} only makes it happen sooner. What happens to spares is logged at
 * {@code DEBUG}.
 *
 * <p>What a warm child sees that a cold one does not: the JVM was started earlier, so
 * {@code ProcessHandle.current().info().startInstant()} and the JVM's uptime are older, and the
 * library's own start-up classes are already loaded. Everything the target can observe through the
 * library (name, pid, parent, daemon flag, exit code) is the same.
 */
public final class SparePool {

    /** A spare that has connected and is waiting for its bootstrap. */
    record Spare(LaunchedJvm jvm, FrameChannel channel) {
    }

    private static final LibraryLog LOG = LibraryLog.PROCESSES;
    private static final long REFILL_DELAY_MILLIS = 100;
    /** How long a new spare may take to warm up before it is given up on. */
    private static final int READY_TIMEOUT_MILLIS = 30_000;

    /** In a holder: a child that never starts children should not initialize the executor. */
    private static final class RefillDelay {
        static final Executor EXECUTOR = CompletableFuture.delayedExecutor(REFILL_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final LocalRuntime runtime;
    private final int size;
    private final List<String> jvmOptions;
    private final Deque<Spare> ready = new ArrayDeque<>();
    /** Created on first use: most children never start children of their own. */
    private ExecutorService launcher;
    private int launching;
    private boolean active;
    private boolean closed;

    /** See {@link LocalRuntime#newSparePool}. */
    SparePool(LocalRuntime runtime, int size, List<String> jvmOptions) {
        this.runtime = runtime;
        this.size = size;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Whether a child with these JVM options of its own may take a spare: they are the spares'. */
    boolean fits(List<String> childOptions) {
        return childOptions.equals(jvmOptions);
    }

    /** How many spares are being launched now. */
    synchronized int launching() {
        return launching;
    }

    /** The spares' own JVM options. */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    /**
     * Hands out a spare, if one is ready, to a child that {@linkplain #fits fits}, and has it
     * replaced once {@code started} completes or {@value #REFILL_DELAY_MILLIS} ms have passed: a
     * JVM starting up takes both cores of a small machine for tens of milliseconds, which would
     * slow down the very child that took the spare.
     *
     * @param started completes when the child that takes the spare is done
     * @return a connected spare, or {@code null}
     */
    synchronized Spare take(CompletableFuture<?> started) {
        active = true;
        Spare spare;
        while ((spare = ready.pollFirst()) != null && !spare.jvm().process().isAlive()) {
            LOG.debug("spare JVM {} is dropped: it died while idle", spare.jvm().process().pid());
        }
        CompletableFuture.anyOf(started, CompletableFuture.runAsync(() -> { }, RefillDelay.EXECUTOR))
                .whenComplete((ignored, failure) -> refill());
        return spare;
    }

    private synchronized void refill() {
        fill();
    }

    /**
     * Launches the spares now, if they are not running yet, and waits until the pool holds as many
     * as it should.
     *
     * @param timeout the longest wait
     * @return whether it does before the time runs out
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized boolean awaitFull(Duration timeout) throws InterruptedException {
        active = true;
        fill();
        long nanos = TimeUnit.NANOSECONDS.convert(timeout);
        long start = System.nanoTime();
        while (ready.size() < size && !closed) {
            long left = nanos - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return ready.size() >= size;
    }

    /** Stops the spares; used at exit. */
    synchronized void close() {
        closed = true;
        ready.forEach(SparePool::discard);
        ready.clear();
        if (launcher != null) {
            launcher.shutdownNow();
        }
    }

    private void fill() {
        int wanted = closed ? 0 : size - ready.size() - launching;
        if (wanted > 0) {
            LOG.debug(wanted == 1 ? "launching {} spare JVM ({} of {} ready)" : "launching {} spare JVMs ({} of {} ready)",
                    wanted, ready.size(), size);
        }
        while (!closed && ready.size() + launching < size) {
            launching++;
            if (launcher == null) {
                launcher = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "multiprocessing4j spares");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            launcher.execute(this::launchOne);
        }
    }

    private void launchOne() {
        Spare spare = null;
        long begin = System.nanoTime();
        try {
            List<String> command = new ArrayList<>(runtime.sharedJvmOptions());
            command.addAll(jvmOptions);
            LaunchedJvm jvm = LaunchedJvm.launchSpare(port -> new ProcessBuilder(JvmCommand.of(command,
                    Integer.toString(port)))
                    // a pipe, silent, for the spare's watch of its parent (see ParentLink)
                    .redirectInput(Redirect.PIPE)
                    .redirectOutput(Redirect.INHERIT)
                    .redirectError(Redirect.INHERIT), runtime.newToken());
            FrameChannel channel = jvm.awaitConnection();
            if (channel != null) {
                channel.write(Bootstrap.REHEARSE, runtime.recentTarget());
                channel.readTimeout(READY_TIMEOUT_MILLIS);
                Frame ready = channel.read();
                channel.readTimeout(0);
                if (ready != null && ready.type() == Bootstrap.READY) {
                    spare = new Spare(jvm, channel);
                } else {
                    discard(new Spare(jvm, channel));
                    LOG.debug("spare JVM {} is dropped: it did not get ready", jvm.process().pid());
                }
            } else {
                LOG.debug("spare JVM {} is dropped: it did not connect", jvm.process().pid());
            }
        } catch (IOException | RuntimeException e) {
            // no spare this time; starts fall back to cold ones
            LOG.debug(e, "a spare JVM could not be launched");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        synchronized (this) {
            launching--;
            if (spare != null) {
                long pid = spare.jvm().process().pid();
                if (closed || ready.size() >= size) {
                    discard(spare);
                    LOG.debug("spare JVM {} is dropped: no spare is wanted any more", pid);
                } else {
                    ready.addLast(spare);
                    LOG.debug("spare JVM {} is ready after {} ms ({} of {})", pid, millis, ready.size(), size);
                }
            }
            notifyAll();
        }
    }

    /** Ends a spare that will not be used: closing its connection makes it halt, as an orphan. */
    static void discard(Spare spare) {
        LaunchedJvm.closeQuietly(spare.channel());
        spare.jvm().process().destroy();
    }

    @Override
    public synchronized String toString() {
        return "SparePool[ready=" + ready.size() + ", launching=" + launching + ", size=" + size + "]";
    }

}
