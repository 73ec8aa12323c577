package org.multiprocessing4j.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
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
 *     [--forks N] [--workload NAME] [--python INTERPRETER]
 * </pre>
 *
 * <p>Each workload runs in {@code --forks} JVMs of its own, one after the other, each printing its
 * own lines; the report pools their repetitions, as JMH pools its forks'.
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
            new Entry("process.orphan-exit", OrphanExit::run),
            new Entry("baseline.runtime-start", RuntimeStart::run),
            new Entry("lock.uncontended", LockUncontended::run),
            new Entry("lock.contended-counter", LockCounter::run),
            new Entry("value.increment-1p", SharedValues::increment),
            new Entry("value.locked-increment-2p", SharedValues::lockedIncrement),
            new Entry("array.sum-1m", SharedValues::arraySum),
            new Entry("event.ping-pong", PingPong::events),
            new Entry("semaphore.ping-pong", PingPong::semaphores),
            new Entry("pipe.round-trip", Channels::pipeRoundTrip),
            new Entry("pipe.one-way-1mib", Channels::pipeOneWay),
            new Entry("connection.round-trip", ConnectionRoundTrip::run),
            new Entry("connection.pickle-round-trip", ConnectionRoundTrip::withCPython),
            new Entry("queue.1-1", Channels::queueOneToOne),
            new Entry("queue.2-2", Channels::queueTwoToTwo),
            new Entry("queue.1-1-1mib", Channels::queueLarge),
            new Entry("pool.map", Pools::map),
            new Entry("pool.imap-chunk-1", Pools::imap),
            new Entry("pool.apply-async", Pools::applyAsync),
            new Entry("pool.cpu-bound", Pools::cpuBound),
            new Entry("shm.block-1mib", SharedMemoryBlocks::run),
            new Entry("manager.dict-set-get", Managers::dictSetGet),
            new Entry("manager.start", Managers::start),
            new Entry("mixed.in-one-jvm", CompareWorkloads::mixed));

    /** The parts of {@code mixed.in-one-jvm}, in the order they run. */
    private static final List<String> MIXED_PARTS = List.of("queue.1-1", "pipe.round-trip", "pool.map");

    /** The pause before each workload, the same on both sides. */
    private static final long SETTLE_MILLIS = 1000;

    private CompareWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 5;
        double steadySeconds = 3;
        int repetitions = 30;
        String only = "";
        String workload = null;
        String python = "python3";
        int forks = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--steady-seconds" -> steadySeconds = Double.parseDouble(value(args, ++i));
                case "--repetitions" -> repetitions = Integer.parseInt(value(args, ++i));
                case "--only" -> only = value(args, ++i);
                case "--workload" -> workload = value(args, ++i);
                case "--python" -> python = value(args, ++i);
                case "--forks" -> forks = Integer.parseInt(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (forks < 1) {
            throw new IllegalArgumentException("--forks must be at least 1");
        }
        Settings settings = new Settings(warmup, repetitions, steadySeconds, python);
        PrintStream out = System.out;
        if (workload != null) {
            for (Entry entry : WORKLOADS) {
                if (entry.name().equals(workload)) {
                    entry.workload().run(settings, line -> {
                        out.println(line);
                        out.flush();
                    });
                    return;
                }
            }
            throw new IllegalArgumentException("no workload " + workload);
        }
        out.println(ResultLine.meta("jdk", Runtime.version() + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.vendor") + ")"));
        out.println(ResultLine.meta("java.home", System.getProperty("java.home")));
        out.flush();
        for (Entry entry : WORKLOADS) {
            if (!entry.name().startsWith(only)) {
                continue;
            }
            for (int fork = 1; fork <= forks; fork++) {
                System.err.println("java: " + entry.name() + " (JVM " + fork + " of " + forks + ") ...");
                // the previous run's children exit meanwhile
                Thread.sleep(SETTLE_MILLIS);
                runAlone(entry.name(), settings);
            }
        }
    }

    /**
     * Runs one workload in a JVM of its own, as JMH forks for each benchmark: what the compilers
     * learned from one workload (the types at a call site, the branches taken) must not shape the
     * code that runs the next.
     */
    private static void runAlone(String workload, Settings settings) throws Exception {
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CompareWorkloads.class.getName(),
                "--workload", workload, "--warmup", String.valueOf(settings.warmup()),
                "--repetitions", String.valueOf(settings.repetitions()),
                "--steady-seconds", String.valueOf(settings.steadySeconds()), "--python", settings.python())
                .inheritIO().start();
        if (run.waitFor() != 0) {
            throw new IllegalStateException(workload + " failed with exit code " + run.exitValue());
        }
    }

    /**
     * Queue, pipe and pool work one after the other in one JVM, as an application does, for the
     * report to hold against the same workloads in JVMs of their own: each part's lines come under
     * this workload's name, their variant the part's name and its own variant.
     */
    private static void mixed(Settings settings, Consumer<String> out) throws Exception {
        for (String part : MIXED_PARTS) {
            Entry entry = WORKLOADS.stream().filter(candidate -> candidate.name().equals(part)).findFirst().orElseThrow();
            entry.workload().run(settings, line -> {
                String[] fields = line.split("\t", 3);
                out.accept(String.join("\t", "mixed.in-one-jvm", fields[0] + "/" + fields[1], fields[2]));
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
