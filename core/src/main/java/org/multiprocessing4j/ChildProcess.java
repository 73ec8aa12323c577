package org.multiprocessing4j;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process that runs one target in its own JVM: Python's {@code multiprocessing.Process}.
 *
 * <p>A child is created by {@link Multiprocessing#process} (or a {@link ProcessContext}), configured,
 * then {@linkplain #start() started} once. It receives the target, runs it, and exits: with code 0
 * when the target returns, 1 when it throws (the exception is printed on the child's standard error
 * and kept for {@link #exception()}), the code the target passed to {@link System#exit}, or minus
 * the signal number when a signal ended it ({@code -15} after {@link #terminate()}, {@code -9}
 * after {@link #kill()}).
 *
 * <p>On the local backend the child is a JVM that runs {@code java} from the parent's
 * {@code java.home} with the parent's class path (or, with the {@linkplain StartMethod#WARM warm}
 * start method, such a JVM started ahead). Another backend says in its own documentation where its
 * children run and which of the settings below they honour.
 *
 * <h2>Configuration</h2>
 * The configuration methods return this child so they can be chained, and throw
 * {@link IllegalStateException} once the child has been started (except {@link #name(String)},
 * which may change at any time, as in Python):
 * <pre>{@code
 * ChildProcess p = Multiprocessing.process(() -> index(folder))
 *         .name("indexer")
 *         .jvmOptions("-Xmx256m", "-Dindex.threads=1")
 *         .environment("LC_ALL", "C")
 *         .directory(Path.of("/srv/index"));
 * p.start();
 * p.join();
 * }</pre>
 *
 * <h2>The child's JVM options, on the local backend</h2>
 * The child gets, in this order: the parent's {@code -D} system properties and the options that
 * decide how code loads and checks ({@code -ea}/{@code -da} and their variants, {@code --add-opens},
 * {@code --add-exports}, {@code --add-reads}, {@code --add-modules}, {@code --enable-preview},
 * {@code --enable-native-access}); on Java 24 and later, {@code --enable-native-access=ALL-UNNAMED} if
 * neither the parent nor the caller gives one (the library calls native code in children, which
 * those releases warn about otherwise); then two options that make it start faster:
 * {@code -XX:-UsePerfData} (so {@code jps} and {@code jstat} do not list children; {@code jcmd}
 * still works) and, when the class path is made of jar files, a class-data-sharing archive of the
 * classes a child loads on its way to the target, built once per class path by a short training
 * child and kept in {@code ~/.cache/multiprocessing4j} (system property
 * {@code multiprocessing4j.classDataSharing=false} turns it off); then the options given to
 * {@link #jvmOptions}, which win where they conflict. Memory, garbage-collector, agent and
 * debugger options of the parent are not passed on: a child rarely wants the parent's heap, and
 * two JVMs cannot share a debugger port.
 *
 * <h2>Lifetime</h2>
 * A child ends as a Java program ends after {@code main}, and a Python process after its target:
 * once its target has returned or thrown and the threads that are not daemons have ended (daemon
 * threads end with it). Its exit code stays the target's: an uncaught exception in another thread
 * does not change it, as in Python. Then it terminates its daemon children, waits for its other
 * children, and its JVM runs its shutdown hooks.
 *
 * <p>A child never outlives its parent: when the parent JVM ends for any reason, even
 * {@code kill -9}, every child notices within a moment and halts. When the parent's {@code main}
 * returns, the JVM waits for its non-daemon children to finish and terminates its daemon children,
 * as Python does at interpreter exit.
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread of the parent.
 */
public interface ChildProcess extends ProcessIdentity, AutoCloseable {

    /**
     * Sets the name. A child's name is only a label; several children may share one.
     *
     * @param name the new name
     * @return this child
     */
    ChildProcess name(String name);

    /**
     * Makes the child a daemon or not; by default a child inherits the flag of the process that
     * creates it. Must be set before {@link #start()}.
     *
     * @param daemon whether the child is a daemon
     * @return this child
     * @throws IllegalStateException if the child has been started
     */
    ChildProcess daemon(boolean daemon);

    /**
     * Adds options to the child's JVM command line, after the ones it inherits, for example
     * {@code "-Xmx512m"} or {@code "-Dkey=value"}.
     *
     * @param options the options, each one command line argument
     * @return this child
     * @throws IllegalStateException if the child has been started
     * @throws IllegalArgumentException if an option is blank
     */
    ChildProcess jvmOptions(String... options);

    /**
     * Sets an environment variable of the child; the child inherits the parent's environment
     * otherwise.
     *
     * @param name the variable
     * @param value its value, or {@code null} to remove the variable from the child's environment
     * @return this child
     * @throws IllegalStateException if the child has been started
     */
    ChildProcess environment(String name, String value);

    /**
     * Sets the child's working directory; by default it is the parent's.
     *
     * @param directory the directory
     * @return this child
     * @throws IllegalStateException if the child has been started
     */
    ChildProcess directory(Path directory);

    /**
     * Sends the child's standard output somewhere else than the parent's standard output, for
     * example {@code Redirect.appendTo(file)} or {@link Redirect#DISCARD}.
     * {@link Redirect#PIPE} is not accepted: nobody would read it.
     *
     * @param destination where the output goes
     * @return this child
     * @throws IllegalStateException if the child has been started
     * @throws IllegalArgumentException for {@link Redirect#PIPE} or an input redirect
     */
    ChildProcess redirectOutput(Redirect destination);

    /**
     * Sends the child's standard error somewhere else than the parent's standard error.
     *
     * @param destination where the error output goes
     * @return this child
     * @throws IllegalStateException if the child has been started
     * @throws IllegalArgumentException for {@link Redirect#PIPE} or an input redirect
     * @see #redirectOutput(Redirect)
     */
    ChildProcess redirectError(Redirect destination);

    /**
     * Starts the child: serializes the target, launches the child JVM and returns without waiting
     * for the target to begin. From then on this object keeps no reference to the target, so that
     * what the target captured can be garbage-collected in the parent while the child runs.
     *
     * @throws UnserializableObjectException if the target or something it captures cannot be
     *     serialized; nothing is started and the child may be started again once that is fixed
     * @throws IllegalStateException if the child was started before or is closed, or if the
     *     current process is a daemon (daemons may not have children)
     * @throws java.io.UncheckedIOException if the child JVM cannot be launched
     */
    void start();

    /**
     * Waits until the child has ended: its target has returned or thrown, its non-daemon threads
     * and its children are done, its standard streams are flushed, its shutdown hooks have run and
     * its exit code is known; or its process has ended (killed, or {@link System#exit} in the
     * target, after the hooks). A child started cold is joined when its process has ended. A child
     * that took a spare JVM (see {@link StartMethod#WARM}) is joined when it reports its end, after
     * its shutdown hooks and before its JVM's own teardown, a few milliseconds that joining does not
     * wait for, as Python's does not wait for the operating system to free a child's memory: the
     * child's pid may still be running then, and files it marked {@linkplain java.io.File#deleteOnExit()
     * to delete on exit} may still be there.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalStateException if the child has not been started or is closed
     */
    void join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the child to exit.
     *
     * @param timeout the longest time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if the child has exited, {@code false} if the time ran out first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalStateException if the child has not been started or is closed
     */
    boolean join(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the child to exit.
     *
     * @param timeout the longest time to wait
     * @return {@code true} if the child has exited, {@code false} if the time ran out first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalStateException if the child has not been started or is closed
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * A future completed with this child when it has exited, like {@link Process#onExit()}.
     *
     * @return the future
     * @throws IllegalStateException if the child has not been started or is closed
     */
    CompletableFuture<ChildProcess> onExit();

    /**
     * The child's exit code: {@code null} before it has exited, otherwise 0 for success, 1 after an
     * uncaught exception, the code given to {@link System#exit}, or minus the number of the signal
     * that ended it.
     *
     * @return the exit code, or {@code null} while the child has not exited
     */
    Integer exitCode();

    /**
     * The exception that ended the child's target, with the child's stack trace. Its type is the
     * original one when the parent can load and deserialize it, otherwise a
     * {@link RemoteTaskException} naming the original type.
     *
     * @return the exception, or empty if the child has not exited or its target did not throw
     */
    Optional<Throwable> exception();

    /**
     * Asks the child to stop: sends {@code SIGTERM}. The child's JVM runs its shutdown hooks and
     * exits with code {@code -15}. Does nothing if the child has exited.
     *
     * @throws IllegalStateException if the child has not been started or is closed
     */
    void terminate();

    /**
     * Stops the child at once: sends {@code SIGKILL}, after which its exit code is {@code -9}. Does
     * nothing if the child has exited.
     *
     * @throws IllegalStateException if the child has not been started or is closed
     */
    void kill();

    /**
     * Whether the child is running.
     *
     * @return {@code true} from a successful start until the child has exited
     * @throws IllegalStateException if the child is closed
     */
    @Override
    boolean isAlive();

    /**
     * Whether the child is a daemon; see {@link #daemon(boolean)}.
     *
     * @return {@code true} for a daemon
     * @throws IllegalStateException if the child is closed
     */
    @Override
    boolean isDaemon();

    /**
     * Releases what the parent keeps for this child, as Python's {@code Process.close()} does.
     * Afterwards only {@link #name()}, {@link #name(String)}, {@link #exitCode()},
     * {@link #exception()} and {@code close()} may be called; every other method throws
     * {@link IllegalStateException}. Closing a child that was never started, or closing twice, is
     * allowed.
     *
     * <p>A running child is not closed: this method throws, and the child goes on running and
     * stays usable. A child used as the resource of a {@code try} statement is therefore joined (or
     * terminated and joined) before its block ends:
     * <pre>{@code
     * try (ChildProcess p = Multiprocessing.process(task)) {
     *     p.start();
     *     p.join();
     * }
     * }</pre>
     *
     * @throws IllegalStateException if the child is running
     */
    @Override
    void close();
}
