package org.multiprocessing4j;

import java.util.List;
import java.util.Optional;
import org.multiprocessing4j.function.SerializableBiConsumer;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * The entry point: Python's {@code multiprocessing} module as static methods over the
 * {@linkplain ProcessContext#local() local context}.
 *
 * <pre>{@code
 * ChildProcess p = Multiprocessing.process(() -> System.out.println("hello from a child JVM"));
 * p.start();
 * p.join();
 * }</pre>
 *
 * <p>No {@code main} guard is needed: a child runs only its target, never the parent's
 * {@code main}.
 */
public final class Multiprocessing {

    private Multiprocessing() {
    }

    /**
     * Creates a child process, not yet started, that will run {@code target}.
     *
     * @param target what the child runs
     * @return the child
     * @see ProcessContext#process(SerializableRunnable)
     */
    public static ChildProcess process(SerializableRunnable target) {
        return ProcessContext.local().process(target);
    }

    /**
     * Creates a child process that will run {@code target} with one argument.
     *
     * @param target what the child runs
     * @param argument the argument
     * @param <A> the argument's type
     * @return the child
     * @see ProcessContext#process(SerializableConsumer, Object)
     */
    public static <A> ChildProcess process(SerializableConsumer<A> target, A argument) {
        return ProcessContext.local().process(target, argument);
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
    public static <A, B> ChildProcess process(SerializableBiConsumer<A, B> target, A first, B second) {
        return ProcessContext.local().process(target, first, second);
    }

    /**
     * The process this code runs in: {@code MainProcess} in the program's first JVM, the child's own
     * name and pid inside a child.
     *
     * @return the current process
     */
    public static ProcessIdentity currentProcess() {
        return ProcessContext.local().currentProcess();
    }

    /**
     * The process that started this one.
     *
     * @return the parent, or empty in the program's first JVM
     */
    public static Optional<ProcessIdentity> parentProcess() {
        return ProcessContext.local().parentProcess();
    }

    /**
     * The children of the current process that are running.
     *
     * @return a snapshot, in start order
     */
    public static List<ChildProcess> activeChildren() {
        return ProcessContext.local().activeChildren();
    }

    /**
     * The number of processors available to this JVM.
     *
     * @return at least 1
     */
    public static int cpuCount() {
        return ProcessContext.local().cpuCount();
    }
}
