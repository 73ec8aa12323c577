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
    static final String STOP = "STOP";
    static final double STEADY_SECONDS = 2;

    private ClusterWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 3;
        int repetitions = 15;
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
                pipes(settings, report, raw, rawPeer, cluster, local);
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
        Samples entryProcessors = each(settings, () -> {
            map.executeOnKey("a", new Bump());
            map.executeOnKey("a", new Bump());
        });
        Samples mapLocks = each(settings, () -> {
            map.lock("b");
            map.unlock("b");
        });
        ProcessLock clusterLock = cluster.lock();
        ProcessLock localLock = local.lock();
        report.row("Lock acquire+release, uncontended", "IMap.executeOnKey ×2", entryProcessors,
                each(settings, () -> {
                    clusterLock.lock();
                    clusterLock.unlock();
                }), each(settings, () -> {
                    localLock.lock();
                    localLock.unlock();
                }));
        report.reference("Lock acquire+release, uncontended", "IMap.lock+unlock", mapLocks);
    }

    private static void queues(Settings settings, ClusterReport report, HazelcastInstance raw, ProcessContext cluster,
            ProcessContext local) throws Exception {
        System.err.println("cluster: queues ...");
        IQueue<byte[]> queue = raw.getQueue("bench.queue");
        byte[] bytes = bytesOf(message(1));
        ProcessQueue<Object> clusterQueue = cluster.queue();
        ProcessQueue<Object> localQueue = local.queue();
        report.row("Queue put+take in one process, small object", "IQueue.offer+poll", each(settings, () -> {
            queue.offer(bytes);
            queue.poll();
        }), each(settings, () -> {
            clusterQueue.put(message(1));
            clusterQueue.take();
        }), each(settings, () -> {
            localQueue.put(message(1));
            localQueue.take();
        }));
    }

    private static void pipes(Settings settings, ClusterReport report, HazelcastInstance raw, HazelcastInstance rawPeer,
            ProcessContext cluster, ProcessContext local) throws Exception {
        System.err.println("cluster: pipes ...");
        IQueue<byte[]> there = raw.getQueue("bench.there");
        IQueue<byte[]> back = raw.getQueue("bench.back");
        Thread echo = new Thread(() -> {
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
        echo.start();
        byte[] bytes = bytesOf(message(1));
        Samples rawRoundTrips = each(settings, () -> {
            there.put(bytes);
            back.take();
        });
        there.put(new byte[0]);
        echo.join();
        report.row("Pipe round trip with an echoing process, small object", "IQueue put+take, echoed",
                rawRoundTrips, pipeRoundTrips(settings, cluster), pipeRoundTrips(settings, local));
    }

    private static Samples pipeRoundTrips(Settings settings, ProcessContext context) throws Exception {
        Pipe pipe = context.pipe();
        PipeEnd child = pipe.right();
        ChildProcess echo = context.process(() -> Channels.echo(child));
        echo.start();
        PipeEnd end = pipe.left();
        Samples samples = each(settings, () -> {
            end.send(message(1));
            end.recv();
        });
        end.send(STOP);
        echo.join();
        return samples;
    }

    private static void pools(Settings settings, ClusterReport report, HazelcastInstance raw, ProcessContext cluster,
            ProcessContext local, int members) throws Exception {
        System.err.println("cluster: pools ...");
        IExecutorService executor = raw.getExecutorService("bench.executor");
        report.reference("Pool apply, trivial task, one at a time", "IExecutorService.submit+get",
                each(settings, () -> executor.submit(new Square(7)).get()));
        try (ProcessPool clusterPool = cluster.pool(members); ProcessPool localPool = local.pool()) {
            report.row("Pool apply, trivial task, one at a time", "IQueue put+take, echoed",
                    report.raw("Pipe round trip with an echoing process, small object"),
                    each(settings, () -> clusterPool.apply(n -> n * n, 7)),
                    each(settings, () -> localPool.apply(n -> n * n, 7)));
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < MAP_TASKS; i++) {
                numbers.add(i);
            }
            report.row("Pool map, 2,000 trivial tasks, time per task", null, null,
                    mapTasks(settings, clusterPool, numbers), mapTasks(settings, localPool, numbers));
        }
        cpuBound(settings, report, cluster, local, members);
    }

    private static Samples mapTasks(Settings settings, ProcessPool pool, List<Integer> numbers) throws Exception {
        return Samples.collectSteady(settings, () -> {
            long begin = System.nanoTime();
            pool.map(n -> n * n, numbers);
            return System.nanoTime() - begin;
        }).map(ms -> ms * 1000.0 / numbers.size());
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
        Samples sequential = Samples.collect(settings, () -> {
            long begin = System.nanoTime();
            calls.forEach(Pools::spin);
            return System.nanoTime() - begin;
        });
        try (ProcessPool clusterPool = cluster.pool(members); ProcessPool localPool = local.pool()) {
            report.cpuBound(sequential, cpu(settings, clusterPool, calls), cpu(settings, localPool, calls),
                    members, local.cpuCount());
        }
    }

    private static Samples cpu(Settings settings, ProcessPool pool, List<Long> calls) throws Exception {
        return Samples.collect(settings, () -> {
            long begin = System.nanoTime();
            pool.map(Pools::spin, calls, 1);
            return System.nanoTime() - begin;
        });
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

    /** Times {@value #OPERATIONS} runs of {@code operation} per repetition; the figure is microseconds each. */
    private static Samples each(Settings settings, Operation operation) throws Exception {
        return Samples.collectSteady(settings, () -> {
            long begin = System.nanoTime();
            for (int i = 0; i < OPERATIONS; i++) {
                operation.run();
            }
            return System.nanoTime() - begin;
        }).map(ms -> ms * 1000.0 / OPERATIONS);
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

    /** The trivial task of the executor's round trip, run on a member. */
    record Square(int n) implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return n * n;
        }
    }
}
