package org.multiprocessing4j;

import java.util.List;
import java.util.Optional;
import org.multiprocessing4j.function.SerializableBiConsumer;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.launch.LocalContext;

/**
 * A way of running processes, and the factory of everything they share: Python's
 * {@code multiprocessing} context. {@link Multiprocessing} is a facade over {@link #local()}; a
 * program that should later run on a cluster takes a {@code ProcessContext} instead, so only the
 * line that chooses the context changes.
 */
public interface ProcessContext {

    /**
     * The context that runs children as JVMs on this machine.
     *
     * @return the local context of this JVM
     */
    static ProcessContext local() {
        return LocalContext.instance();
    }

    /**
     * Creates a child process, not yet started, that will run {@code target}.
     *
     * @param target what the child runs
     * @return the child
     */
    ChildProcess process(SerializableRunnable target);

    /**
     * Creates a child process that will run {@code target} with one argument: Python's
     * {@code Process(target=f, args=(argument,))}.
     *
     * @param target what the child runs
     * @param argument the argument; serialized when the child starts
     * @param <A> the argument's type
     * @return the child
     */
    default <A> ChildProcess process(SerializableConsumer<A> target, A argument) {
        return process(() -> target.accept(argument));
    }

    /**
     * Creates a child process that will run {@code target} with two arguments.
     *
     * @param target what the child runs
     * @param first the first argument
     * @param second the second argument
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @return the child
     */
    default <A, B> ChildProcess process(SerializableBiConsumer<A, B> target, A first, B second) {
        return process(() -> target.accept(first, second));
    }

    /**
     * The process this code runs in.
     *
     * @return the current process
     */
    ProcessIdentity currentProcess();

    /**
     * The process that started the current one.
     *
     * @return the parent, or empty in the process the program started in
     */
    Optional<ProcessIdentity> parentProcess();

    /**
     * The children of the current process that have been started and have not yet exited.
     *
     * @return a snapshot, in start order
     */
    List<ChildProcess> activeChildren();

    /**
     * The number of processors available to this JVM, as {@link Runtime#availableProcessors()}
     * (which, unlike Python's {@code os.cpu_count()}, honours CPU affinity and container limits).
     *
     * @return at least 1
     */
    default int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
