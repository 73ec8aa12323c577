package org.multiprocessing4j.examples;

import java.util.List;
import org.multiprocessing4j.Multiprocessing;

/**
 * Runs every example in turn, each under a header line. This is what the README's first command
 * runs. On a context other than the local one ({@code -Dmultiprocessing4j.context=hazelcast}),
 * the examples of one machine's memory (named blocks, and views of an array's memory) say so and
 * are skipped.
 *
 * <p>To add an example, give it a {@code main} and add one line to {@link #EXAMPLES}.
 */
public final class AllExamples {

    /** A {@code main} method. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /**
     * One example.
     *
     * @param name the class's simple name
     * @param summary what it shows
     * @param main its {@code main}
     * @param oneMachine whether it shows what only the processes of one machine share
     */
    record Example(String name, String summary, Main main, boolean oneMachine) {
        Example(String name, String summary, Main main) {
            this(name, summary, main, false);
        }
    }

    /** Every example, in the order they run. */
    static final List<Example> EXAMPLES = List.of(
            new Example("ProcessExample", "one child per number, run at the same time", ProcessExample::main),
            new Example("CurrentProcessExample", "current process, parent process, names", CurrentProcessExample::main),
            new Example("TerminateExample", "stop a long-running child", TerminateExample::main),
            new Example("LockExample", "children printing under one lock", LockExample::main),
            new Example("QueueExample", "a child puts a list on a queue, the parent takes it", QueueExample::main),
            new Example("PipeExample", "a child sends a list through a pipe, the parent receives it", PipeExample::main),
            new Example("ConnectionExample", "a child connects to a listener with a key and sends an object and bytes",
                    ConnectionExample::main),
            new Example("SharedMemoryExample", "a child writes to a named block, the parent reads it",
                    SharedMemoryExample::main, true),
            new Example("ShareableListExample", "a child changes items of a shareable list, the parent prints it",
                    ShareableListExample::main, true),
            new Example("PoolExample", "three worker processes square three numbers", PoolExample::main),
            new Example("SharedArrayExample", "children fill a shared array of doubles, the parent sums it",
                    SharedArrayExample::main, true),
            new Example("ManagerMapExample", "children count the words of their files into a manager's map",
                    ManagerMapExample::main),
            new Example("RemoteManagerExample", "a second JVM connects to a manager by its address and key",
                    RemoteManagerExample::main),
            new Example("PythonWorkerExample", "a CPython worker takes words from a CPython manager's queue",
                    PythonWorkerExample::main),
            new Example("FolderChecksums", "checksums of a folder's files, in one process and in a pool",
                    FolderChecksums::main));

    private AllExamples() {
    }

    /**
     * Runs the examples.
     *
     * @param args passed on to each example
     * @throws Exception if an example fails; the later ones are not run
     */
    public static void main(String[] args) throws Exception {
        String context = Multiprocessing.context().name();
        for (Example example : EXAMPLES) {
            System.out.println("=== " + example.name() + ": " + example.summary() + " ===");
            if (example.oneMachine() && !context.equals("local")) {
                System.out.println("skipped: the " + context + " context shares no memory of one machine");
            } else {
                example.main().run(args);
            }
            System.out.println();
        }
    }
}
