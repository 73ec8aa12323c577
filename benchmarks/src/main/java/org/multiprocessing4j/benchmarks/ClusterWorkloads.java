package org.multiprocessing4j.benchmarks;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.spi.Serializer;

/**
 * {@code benchmarks/cluster}: the workloads of the {@code hazelcast} context beside the raw
 * Hazelcast calls each of them stands on, and beside the same workloads on the local backend;
 * writes the section of {@code RESULTS.md} that {@link ClusterReport} lays out.
 *
 * <p>Three members run as JVMs of their own on 127.0.0.1; this JVM is a client of them, once
 * through a plain Hazelcast client and once through the library's context. Each figure is the
 * median of the repetitions' time per operation.
 *
 * <pre>
 * java -cp &lt;class path&gt; org.multiprocessing4j.benchmarks.ClusterWorkloads [--warmup N] [--repetitions N]
 *     [--results FILE] [--command TEXT]
 * </pre>
 */
public final class ClusterWorkloads {

    static final int OPERATIONS = 300;
    static final int MAP_TASKS = 2_000;
    static final double STEADY_SECONDS = 2;
    private static final String ROUND_TRIP = "Pipe round trip with an echoing process, small object";

    private ClusterWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 3;
        int repetitions = 20;
        Path results = Path.of("benchmarks", "RESULTS.md");
        String command = "benchmarks/cluster";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // each variant also warms up for a while: the client's code paths are compiled as they are used
        Settings settings = new Settings(warmup, repetitions, warmup == 0 ? 0 : STEADY_SECONDS, "python3");
        ClusterReport report = new ClusterReport(settings, command);
        try (ClusterMembers members = new ClusterMembers(3)) {
            HazelcastInstance raw = HazelcastClient.newHazelcastClient(members.clientConfig());
            HazelcastInstance rawPeer = HazelcastClient.newHazelcastClient(members.clientConfig());
            ProcessContext cluster = ProcessContext.get("hazelcast", members.clientOptions());
            ProcessContext local = ProcessContext.local();
            try {
                locks(settings, report, raw, cluster, local);
                queues(settings, report, raw, cluster, local);
                pipes(settings, report, members, raw, rawPeer, cluster, local);
                pools(settings, report, raw, cluster, local, members.size());
            } finally {
                HazelcastClient.shutdownAll();
            }
        }
        report.write(results);
        String written = Files.readString(results);
        System.out.print(written.substring(written.indexOf(ClusterReport.MARK)));
    }

    private static void locks(Settings settings, ClusterReport report, HazelcastInstance raw, ProcessContext cluster,
            ProcessContext local) throws Exception {
        System.err.println("cluster: locks ...");
        IMap<String, Long> map = raw.getMap("bench.locks");
        IMap<String, Holder> holders = raw.getMap("bench.holders");
        ProcessLock clusterLock = cluster.lock();
        ProcessLock localLock = local.lock();
        List<Samples> samples = interleaved(settings, () -> {
            map.executeOnKey("a", new Bump());
            map.executeOnKey("a", new Bump());
        }, () -> {
            map.lock("b");
            map.unlock("b");
        }, () -> {
            holders.executeOnKey("c", new Hold(new Holder("p", "e", 1, 1)));
            holders.executeOnKey("c", new Hold(null));
        }, () -> {
            clusterLock.lock();
            clusterLock.unlock();
        }, () -> {
            localLock.lock();
            localLock.unlock();
        });
        String workload = "Lock acquire+release, uncontended";
        report.row(workload, "IMap.executeOnKey ×2", samples.get(0), samples.get(3), samples.get(4));
        report.reference(workload, "IMap.lock+unlock", samples.get(1));
        report.reference(workload, "IMap.executeOnKey ×2, the entry a record made and removed", samples.get(2));
    }

    private static void queues(Settings settings, ClusterReport report, HazelcastInstance raw, ProcessContext cluster,
            ProcessContext local) throws Exception {
        System.err.println("cluster: queues ...");
        IQueue<byte[]> queue = raw.getQueue("bench.queue");
        byte[] bytes = bytesOf(message(1));
        ProcessQueue<Object> clusterQueue = cluster.queue();
        ProcessQueue<Object> localQueue = local.queue();
        List<Samples> samples = interleaved(settings, () -> {
            queue.offer(bytes);
            queue.poll();
        }, () -> {
            clusterQueue.put(message(1));
            clusterQueue.take();
        }, () -> {
            localQueue.put(message(1));
            localQueue.take();
        });
        report.row("Queue put+take in one process, small object", "IQueue.offer+poll", samples.get(0), samples.get(1),
                samples.get(2));
    }

    /**
     * A small object there and back: through two raw queues to a JVM of its own ({@link RawEcho}),
     * which takes with a blocking {@code take}; through a pipe of each context to a child; and,
     * for reference, through two raw queues to a thread of this JVM with a client of its own.
     */
    private static void pipes(Settings settings, ClusterReport report, ClusterMembers members, HazelcastInstance raw,
            HazelcastInstance rawPeer, ProcessContext cluster, ProcessContext local) throws Exception {
        System.err.println("cluster: pipes ...");
        IQueue<byte[]> there = raw.getQueue("bench.there");
        IQueue<byte[]> back = raw.getQueue("bench.back");
        Thread rawEcho = new Thread(() -> {
            IQueue<byte[]> in = rawPeer.getQueue("bench.there");
            IQueue<byte[]> out = rawPeer.getQueue("bench.back");
            try {
                for (byte[] message = in.take(); message.length > 0; message = in.take()) {
                    out.put(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "raw echo");
        rawEcho.start();
        Process rawEchoJvm = RawEcho.start(members);
        IQueue<byte[]> thereJvm = raw.getQueue(RawEcho.THERE);
        IQueue<byte[]> backJvm = raw.getQueue(RawEcho.BACK);
        byte[] bytes = bytesOf(message(1));
        Pipe clusterPipe = cluster.pipe();
        Pipe localPipe = local.pipe();
        ChildProcess clusterEcho = echo(cluster, clusterPipe.right());
        ChildProcess localEcho = echo(local, localPipe.right());
        List<Samples> samples = interleaved(settings, () -> {
            thereJvm.put(bytes);
            backJvm.take();
        }, () -> {
            clusterPipe.left().send(message(1));
            clusterPipe.left().recv();
        }, () -> {
            localPipe.left().send(message(1));
            localPipe.left().recv();
        }, () -> {
            there.put(bytes);
            back.take();
        });
        there.put(new byte[0]);
        thereJvm.put(new byte[0]);
        clusterPipe.left().send(Channels.STOP);
        localPipe.left().send(Channels.STOP);
        rawEcho.join();
        rawEchoJvm.waitFor();
        clusterEcho.join();
        localEcho.join();
        report.row(ROUND_TRIP, "IQueue put+take, echoed by another JVM", samples.get(0), samples.get(1),
                samples.get(2));
        report.reference(ROUND_TRIP, "IQueue put+take, echoed by a thread of this JVM", samples.get(3));
    }

    private static ChildProcess echo(ProcessContext context, PipeEnd end) {
        ChildProcess echo = context.process(() -> Channels.echo(end));
        echo.start();
        return echo;
    }

    private static void pools(Settings settings, ClusterReport report, HazelcastInstance raw, ProcessContext cluster,
            ProcessContext local, int members) throws Exception {
        System.err.println("cluster: pools ...");
        IExecutorService executor = raw.getExecutorService("bench.executor");
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < MAP_TASKS; i++) {
            numbers.add(i);
        }
        try (ProcessPool clusterPool = cluster.pool(members); ProcessPool localPool = local.pool()) {
            List<Samples> applies = interleaved(settings, () -> executor.submit(new Square(7)).get(),
                    () -> clusterPool.apply(n -> n * n, 7), () -> localPool.apply(n -> n * n, 7));
            String workload = "Pool apply, trivial task, one at a time";
            report.row(workload, "IQueue put+take, echoed by another JVM", report.raw(ROUND_TRIP), applies.get(1),
                    applies.get(2));
            report.reference(workload, "IExecutorService.submit+get", applies.get(0));
            // a map is many operations: its samples are of one map each, per task
            List<Samples> maps = interleaved(settings, 1, () -> clusterPool.map(n -> n * n, numbers),
                    () -> localPool.map(n -> n * n, numbers));
            report.row("Pool map, 2,000 trivial tasks, time per task", null, null,
                    maps.get(0).map(us -> us / MAP_TASKS), maps.get(1).map(us -> us / MAP_TASKS));
        }
        cpuBound(settings, report, cluster, local, members);
    }

    /** 40 calls of about 20 ms each, as {@code pool.cpu-bound}: over the members, on the local pool, one by one. */
    private static void cpuBound(Settings settings, ClusterReport report, ProcessContext cluster, ProcessContext local,
            int members) throws Exception {
        System.err.println("cluster: CPU-bound map ...");
        Pools.calibrate();
        long rounds = Pools.calibrate(); // the second time with the loop compiled
        List<Long> calls = new ArrayList<>();
        for (int i = 0; i < Pools.CPU_CALLS; i++) {
            calls.add(rounds);
        }
        try (ProcessPool clusterPool = cluster.pool(members); ProcessPool localPool = local.pool()) {
            List<Samples> samples = interleaved(settings, 1, () -> calls.forEach(Pools::spin),
                    () -> clusterPool.map(Pools::spin, calls, 1), () -> localPool.map(Pools::spin, calls, 1));
            // in milliseconds, as pool.cpu-bound reports it
            report.cpuBound(samples.get(0).map(us -> us / 1000), samples.get(1).map(us -> us / 1000),
                    samples.get(2).map(us -> us / 1000), members, local.cpuCount());
        }
    }

    /** The small object of the pipe and queue workloads, as {@code Channels} sends. */
    private static List<Object> message(int i) {
        return List.of("u", i, "hello");
    }

    /** What the library's queues and pipes carry for {@code message}. */
    private static byte[] bytesOf(Object message) {
        ByteBuffer buffer = Serializer.standard().serialize(message, ByteBuffer.allocate(64)).flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** {@link #interleaved(Settings, int, Operation...)} of {@value #OPERATIONS} operations a repetition. */
    private static List<Samples> interleaved(Settings settings, Operation... variants) throws Exception {
        return interleaved(settings, OPERATIONS, variants);
    }

    /**
     * Times {@code variants} in turn, {@code operations} runs of one, then of the next, in each
     * repetition, so that whatever else the machine does meanwhile weighs on all of them alike;
     * each first warms up for {@link Settings#steadySeconds()} and the warm-up repetitions. The
     * figures are microseconds per operation.
     */
    private static List<Samples> interleaved(Settings settings, int operations, Operation... variants)
            throws Exception {
        for (Operation variant : variants) {
            long end = System.nanoTime() + (long) (settings.steadySeconds() * 1e9);
            for (int i = 0; i < settings.warmup() || System.nanoTime() < end; i++) {
                time(variant, operations);
            }
        }
        double[][] micros = new double[variants.length][settings.repetitions()];
        for (int repetition = 0; repetition < settings.repetitions(); repetition++) {
            for (int v = 0; v < variants.length; v++) {
                micros[v][repetition] = time(variants[v], operations) / 1e3 / operations;
            }
        }
        List<Samples> samples = new ArrayList<>();
        for (double[] variant : micros) {
            samples.add(Samples.of(variant));
        }
        return samples;
    }

    private static long time(Operation operation, int operations) throws Exception {
        long begin = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            operation.run();
        }
        return System.nanoTime() - begin;
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    /** A read-modify-write on a member, as the library's lock does to take and to give back. */
    static final class Bump implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = entry.getValue() == null ? 1 : entry.getValue() + 1;
            entry.setValue(next);
            return next;
        }
    }

    /** A lock's entry, as the library's lock keeps one: who holds it. */
    record Holder(String process, String endpoint, long pid, long thread) implements Serializable {
    }

    /** Makes the entry {@code holder}, or removes it: what the library's lock does to take and to give back. */
    record Hold(Holder holder) implements EntryProcessor<String, Holder, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Holder> entry) {
            boolean was = entry.getValue() != null;
            entry.setValue(holder);
            return was;
        }
    }

    /** The trivial task of the executor's round trip, run on a member. */
    record Square(int n) implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return n * n;
        }
    }
}
