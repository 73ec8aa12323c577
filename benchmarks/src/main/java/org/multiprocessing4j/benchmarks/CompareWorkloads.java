package org.multiprocessing4j.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Java side of {@code benchmarks/compare}: runs the workloads and prints one tab-separated
 * {@linkplain ResultLine result line} each on standard output, for {@code benchmarks/python/report.py}
 * to merge with the Python side's lines. Progress and errors go to standard error.
 *
 * <p>Start it with a plain {@code java -cp}, not through Maven: child JVMs inherit this JVM's
 * class path, and must find the benchmark targets on it.
 *
 * <pre>
 * java -cp &lt;class path&gt; org.multiprocessing4j.benchmarks.CompareWorkloads [--warmup N] [--repetitions N] [--steady-seconds S] [--only PREFIX]
 * </pre>
 */
public final class CompareWorkloads {

    /** A workload: measures, then hands each finished result line to {@code out}. */
    @FunctionalInterface
    interface Workload {
        void run(Settings settings, Consumer<String> out) throws Exception;
    }

    private record Entry(String name, Workload workload) {
    }

    /**
     * Every workload, in report order. A new workload is one entry here, one function in
     * {@code workloads.py} with the same name, and one row in {@code report.py}.
     */
    private static final List<Entry> WORKLOADS = List.of(
            new Entry("process.start-join", ProcessStartJoin::run),
            new Entry("process.idle-memory", IdleMemory::run),
            new Entry("baseline.runtime-start", RuntimeStart::run),
            new Entry("lock.uncontended", LockUncontended::run),
            new Entry("lock.contended-counter", LockCounter::run),
            new Entry("event.ping-pong", PingPong::events),
            new Entry("semaphore.ping-pong", PingPong::semaphores),
            new Entry("pipe.round-trip", Channels::pipeRoundTrip),
            new Entry("pipe.one-way-1mib", Channels::pipeOneWay),
            new Entry("queue.1-1", Channels::queueOneToOne),
            new Entry("queue.2-2", Channels::queueTwoToTwo),
            new Entry("queue.1-1-1mib", Channels::queueLarge),
            new Entry("pool.map", Pools::map),
            new Entry("pool.imap-chunk-1", Pools::imap),
            new Entry("pool.apply-async", Pools::applyAsync),
            new Entry("pool.cpu-bound", Pools::cpuBound));

    private CompareWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 5;
        double steadySeconds = 3;
        int repetitions = 30;
        String only = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--steady-seconds" -> steadySeconds = Double.parseDouble(value(args, ++i));
                case "--repetitions" -> repetitions = Integer.parseInt(value(args, ++i));
                case "--only" -> only = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Settings settings = new Settings(warmup, repetitions, steadySeconds);
        PrintStream out = System.out;
        out.println(ResultLine.meta("jdk", Runtime.version() + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.vendor") + ")"));
        out.println(ResultLine.meta("java.home", System.getProperty("java.home")));
        for (Entry entry : WORKLOADS) {
            if (!entry.name().startsWith(only)) {
                continue;
            }
            System.err.println("java: " + entry.name() + " ...");
            entry.workload().run(settings, line -> {
                out.println(line);
                out.flush();
            });
        }
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
