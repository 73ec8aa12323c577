package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.ChildProcess;

/**
 * This JVM's part in one cluster: its Hazelcast instance, made on first use, and the children it
 * started there.
 *
 * <p>The main process joins as the options say (an embedded member, or a client); a child always
 * connects as a client of the member that started it, which keeps a child's start cheap and its
 * death harmless to the cluster's data. Once connected, the process files itself in the map of
 * live processes and listens to its own exit map, where members file how its children ended, and
 * to the cluster's membership, since a member that leaves takes its children with it.
 */
final class ClusterRuntime {

    /** How long connecting to a cluster may take before it fails. */
    static final long PATIENCE_MILLIS = 30_000;
    static final String EXECUTOR = "multiprocessing4j.launch";

    private static final Map<ClusterOptions, ClusterRuntime> RUNTIMES = new ConcurrentHashMap<>();
    private static final AtomicInteger CHILDREN = new AtomicInteger();

    private final ClusterOptions options;
    private final Map<String, ClusterChildProcess> running = new ConcurrentHashMap<>();
    private final AtomicInteger nextMember = new AtomicInteger();
    private final Map<String, KeyWatch> watches = new ConcurrentHashMap<>();
    private volatile QueueWatch queueWatch;
    private volatile EndWatch endWatch;
    private volatile ParkedTakes parkedTakes;
    private volatile PartitionCalls partitionCalls;
    private volatile HazelcastInstance instance;
    /** Kept apart: asking an instance shut down by someone else for its name throws. */
    private String instanceName;

    private ClusterRuntime(ClusterOptions options) {
        this.options = options;
    }

    static ClusterRuntime of(ClusterOptions options) {
        return RUNTIMES.computeIfAbsent(options, ClusterRuntime::new);
    }

    /** The name of this JVM's next child: numbered in creation order below this process's name. */
    static String nextChildName() {
        ProcessPlace place = ProcessPlace.current();
        int number = CHILDREN.incrementAndGet();
        return place.isChild() ? place.name() + ":" + number : "Process-" + number;
    }

    ClusterOptions options() {
        return options;
    }

    /**
     * The instance, connected on first use. Connecting runs in a thread of its own and is waited
     * for without regard to interrupts, since Hazelcast gives up a connection whose thread is
     * interrupted: an interrupt of the first caller stays set, for its blocking call to honour.
     */
    HazelcastInstance instance() {
        HazelcastInstance connected = instance;
        return connected != null ? connected : connectOnce();
    }

    private synchronized HazelcastInstance connectOnce() {
        if (instance == null) {
            CompletableFuture<HazelcastInstance> connecting = new CompletableFuture<>();
            Thread connector = new Thread(() -> {
                try {
                    connecting.complete(connect());
                } catch (Throwable e) {
                    connecting.completeExceptionally(e);
                }
            }, "multiprocessing4j cluster connect");
            connector.setDaemon(true);
            connector.start();
            boolean interrupted = false;
            while (true) {
                try {
                    instance = connecting.get();
                    instanceName = instance.getName();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("cannot join the cluster " + options.cluster() + " at "
                            + options.members() + ": " + e.getCause(), e.getCause());
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return instance;
    }

    private HazelcastInstance connect() {
        ProcessPlace place = ProcessPlace.current();
        HazelcastInstance connected;
        if (place.isChild()) {
            HazelcastInstance spare = SpareConnection.take(place.cluster(), place.member());
            connected = spare != null ? spare : HazelcastClient.newHazelcastClient(
                    ClusterConfigs.client(place.cluster(), List.of(place.member()), PATIENCE_MILLIS));
        } else if (options.client()) {
            connected = HazelcastClient.newHazelcastClient(
                    ClusterConfigs.client(options.cluster(), options.members(), PATIENCE_MILLIS));
        } else {
            Config config = ClusterConfigs.member(options);
            MemberProcesses.install(config);
            connected = Hazelcast.newHazelcastInstance(config);
            MemberProcesses.attach(connected);
        }
        if (!place.isChild()) {
            ProgramEnd.watchMain();
        }
        connected.getMap(MemberProcesses.LIVE_PROCESSES)
                .set(place.id(), connected.getLocalEndpoint().getUuid().toString());
        connected.<String, ExitRecord>getMap(MemberProcesses.EXITS_PREFIX + place.id()).addEntryListener(
                (EntryAddedListener<String, ExitRecord>) event -> exited(event.getKey(), event.getValue()), true);
        connected.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                running.values().forEach(child -> child.memberLeft(event.getMember()));
            }
        });
        return connected;
    }

    /** The member the next child starts on: each in turn. */
    Member nextMember() {
        List<Member> members = new ArrayList<>(instance().getCluster().getMembers());
        return members.get(Math.floorMod(nextMember.getAndIncrement(), members.size()));
    }

    void started(ClusterChildProcess child, String id) {
        running.put(id, child);
    }

    void ended(String id) {
        running.remove(id);
    }

    List<ChildProcess> activeChildren() {
        List<ChildProcess> children = new ArrayList<>();
        running.values().forEach(child -> {
            if (child.isAlive()) {
                children.add(child);
            }
        });
        return children;
    }

    /** The watch of the map named {@code map}, made on first use. */
    KeyWatch watch(String map) {
        return watches.computeIfAbsent(map, name -> new KeyWatch(instance().getMap(name)));
    }

    /** The waiter on this cluster's queues and pipes, made on first use. */
    QueueWatch queueWatch() {
        QueueWatch watch = queueWatch;
        if (watch == null) {
            HazelcastInstance cluster = instance();
            synchronized (this) {
                if (queueWatch == null) {
                    queueWatch = new QueueWatch(cluster);
                }
                watch = queueWatch;
            }
        }
        return watch;
    }

    /** The takes parked for this JVM's pipe receivers, made on first use. */
    ParkedTakes parkedTakes() {
        ParkedTakes takes = parkedTakes;
        return takes != null ? takes : madeParkedTakes();
    }

    /** The calls to one partition that an interrupt must not cut, made on first use. */
    PartitionCalls partitionCalls() {
        PartitionCalls calls = partitionCalls;
        if (calls == null) {
            HazelcastInstance cluster = instance();
            synchronized (this) {
                if (partitionCalls == null) {
                    partitionCalls = new PartitionCalls(cluster);
                }
                calls = partitionCalls;
            }
        }
        return calls;
    }

    /** Makes the takes parked for pipe receivers, once. */
    private ParkedTakes madeParkedTakes() {
        QueueWatch watch = queueWatch();
        PartitionCalls calls = partitionCalls();
        HazelcastInstance cluster = instance();
        synchronized (this) {
            if (parkedTakes == null) {
                parkedTakes = new ParkedTakes(cluster, calls, watch);
            }
            return parkedTakes;
        }
    }

    /** What this JVM knows of the pipe ends that are gone, made on first use. */
    EndWatch endWatch() {
        EndWatch watch = endWatch;
        if (watch == null) {
            HazelcastInstance cluster = instance();
            synchronized (this) {
                if (endWatch == null) {
                    endWatch = new EndWatch(cluster);
                }
                watch = endWatch;
            }
        }
        return watch;
    }

    /** The cluster endpoint of this JVM, by which the members recognise that it has left. */
    String endpoint() {
        return instance().getLocalEndpoint().getUuid().toString();
    }

    boolean isLive(String processId) {
        return instance().getMap(MemberProcesses.LIVE_PROCESSES).containsKey(processId);
    }

    private void exited(String id, ExitRecord record) {
        ClusterChildProcess child = running.get(id);
        if (child != null) {
            child.exited(record);
        }
        instance.getMap(MemberProcesses.EXITS_PREFIX + ProcessPlace.current().id()).removeAsync(id);
    }

    /** The names of this JVM's instances, which their threads' names hold. */
    static List<String> instanceNames() {
        List<String> names = new ArrayList<>();
        for (ClusterRuntime runtime : RUNTIMES.values()) {
            synchronized (runtime) {
                if (runtime.instanceName != null) {
                    names.add(runtime.instanceName);
                }
            }
        }
        String spare = SpareConnection.untakenName();
        if (spare != null) {
            names.add(spare);
        }
        return names;
    }

    /**
     * Called once this process's own work is over: waits for its non-daemon children, terminates
     * its daemon children, and leaves every cluster it joined, so that its JVM can end.
     */
    static void endAll() throws InterruptedException {
        SpareConnection.discard();
        for (ClusterRuntime runtime : RUNTIMES.values()) {
            for (ClusterChildProcess child : List.copyOf(runtime.running.values())) {
                if (child.isDaemon()) {
                    child.terminate();
                }
                child.join();
            }
            synchronized (runtime) {
                if (runtime.instance != null) {
                    if (runtime.parkedTakes != null) {
                        runtime.parkedTakes.releaseAll();
                    }
                    runtime.instance.shutdown();
                    runtime.instance = null;
                    runtime.instanceName = null;
                    runtime.watches.clear();
                    runtime.queueWatch = null;
                    runtime.endWatch = null;
                    runtime.parkedTakes = null;
                    runtime.partitionCalls = null;
                }
            }
        }
    }
}
