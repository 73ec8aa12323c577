package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.spi.Serializer;

/**
 * The children a member runs for the programs of its cluster.
 *
 * <p>Each child is a child JVM of the member on the local backend, so that it is isolated and can
 * be killed as a local child is, and dies with the member. When it exits, the member files its
 * {@link ExitRecord} in the parent's exit map, where the parent's listener finds it. A parent that
 * leaves the cluster (its client disconnects, or its member is removed) takes its children with it:
 * the member kills them, orphans the locks the parent held, marks its waiters on conditions dead,
 * breaks a barrier it was tripping, counts it out of the holders of pipe ends, and removes it from
 * the map of live processes, which is how a child tells whether its parent is alive.
 */
final class MemberProcesses {

    static final String LIVE_PROCESSES = "multiprocessing4j.processes";
    static final String EXITS_PREFIX = "multiprocessing4j.exits.";
    private static final String KEY = MemberProcesses.class.getName();

    private record Launched(ChildProcess child, UUID parentEndpoint) {
    }

    /** Where the changes of {@link #parentGone} are made; threads that come and go with them. */
    private static final ExecutorService CHANGES = Executors.newCachedThreadPool(change -> {
        Thread thread = new Thread(change, "multiprocessing4j member changes");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, Launched> children = new ConcurrentHashMap<>();
    private volatile HazelcastInstance member;
    private volatile String address;
    /** Its spares come connected to this member (see {@link SpareConnection}). */
    private volatile ProcessContext local;

    private MemberProcesses() {
    }

    /** Makes the members of {@code config} run children: call before the member starts. */
    static void install(Config config) {
        config.getUserContext().putIfAbsent(KEY, new MemberProcesses());
    }

    /** Starts the bookkeeping of a member started with an {@linkplain #install installed} config. */
    static void attach(HazelcastInstance member) {
        MemberProcesses processes = (MemberProcesses) member.getUserContext().get(KEY);
        if (processes == null) {
            return;
        }
        Address address = member.getCluster().getLocalMember().getAddress();
        String cluster = member.getConfig().getClusterName();
        processes.address = address.getHost() + ":" + address.getPort();
        processes.local = ProcessContext.get("local", Map.of("spareJvmOptions",
                String.join(" ", SpareConnection.jvmOptions(cluster, processes.address))));
        processes.member = member;
        try {
            processes.local.prestart(Duration.ZERO); // the first child too finds a spare, soon
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        member.getClientService().addClientListener(new ClientListener() {
            @Override
            public void clientConnected(Client client) {
            }

            @Override
            public void clientDisconnected(Client client) {
                processes.parentGone(client.getUuid());
            }
        });
        member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                processes.parentGone(event.getMember().getUuid());
            }
        });
    }

    static MemberProcesses of(HazelcastInstance member) {
        MemberProcesses processes = (MemberProcesses) member.getUserContext().get(KEY);
        if (processes == null || processes.member == null) {
            throw new IllegalStateException("the member " + member.getCluster().getLocalMember().getAddress()
                    + " does not run children: it was not started by multiprocessing4j");
        }
        return processes;
    }

    long launch(LaunchChild launch) {
        ProcessPlace place = launch.place;
        String cluster = member.getConfig().getClusterName();
        ChildTarget target = new ChildTarget(place, cluster, address, launch.contextOptions, launch.target);
        // a child with options of its own starts cold; one without takes a spare, connected ahead
        List<String> jvmOptions = launch.jvmOptions.isEmpty()
                ? SpareConnection.jvmOptions(cluster, address) : launch.jvmOptions;
        // a daemon locally: the member never waits for its children when it stops
        ChildProcess child = local.process(target).name(place.name()).daemon(true)
                .jvmOptions(jvmOptions.toArray(String[]::new))
                .redirectOutput(launch.output.redirect()).redirectError(launch.error.redirect());
        launch.environment.forEach(child::environment);
        if (launch.directory != null) {
            child.directory(Path.of(launch.directory));
        }
        children.put(place.id(), new Launched(child, launch.parentEndpoint));
        try {
            child.start();
        } catch (RuntimeException e) {
            children.remove(place.id());
            throw e;
        }
        child.onExit().whenComplete((ended, failure) -> exited(place, child));
        return child.pid();
    }

    /** Waits, at most {@code timeout}, until this member's spares are ready; answers whether they are. */
    boolean prestart(Duration timeout) throws InterruptedException {
        return local.prestart(timeout);
    }

    boolean signal(String id, boolean kill) {
        Launched launched = children.get(id);
        if (launched == null) {
            return false;
        }
        if (kill) {
            launched.child.kill();
        } else {
            launched.child.terminate();
        }
        return true;
    }

    private void exited(ProcessPlace place, ChildProcess child) {
        byte[] exception = child.exception().map(e -> SerializedBytes.of(Serializer.standard(), e)).orElse(null);
        try {
            // what the child held goes before its exit is filed: a parent that has joined it finds
            // its locks orphaned and its pipe ends gone, without waiting for its connection's end
            Object endpoint = member.getMap(LIVE_PROCESSES).get(place.id());
            if (endpoint != null) {
                parentGone(UUID.fromString(endpoint.toString()));
            }
            member.getMap(EXITS_PREFIX + place.parentId()).put(place.id(), new ExitRecord(child.exitCode(), exception));
            member.getMap(LIVE_PROCESSES).remove(place.id());
        } catch (RuntimeException e) {
            // the member is shutting down: its parents learn of the loss from the cluster instead
        } finally {
            children.remove(place.id());
        }
    }

    private void parentGone(UUID endpoint) {
        children.values().forEach(launched -> {
            if (launched.parentEndpoint.equals(endpoint)) {
                launched.child.kill();
            }
        });
        String gone = endpoint.toString();
        // each goes over every partition of its map: side by side, a child's exit is filed sooner
        List<Runnable> changes = List.of(
                () -> member.<String, LockHolder>getMap(ClusterRobustLock.MAP)
                        .executeOnEntries(new LockChanges.Orphan(gone)),
                () -> member.<String, ConditionWaiters>getMap(ClusterCondition.MAP)
                        .executeOnEntries(new ConditionChanges.Abandon(gone)),
                () -> member.<String, BarrierState>getMap(ClusterBarrier.MAP)
                        .executeOnEntries(new BarrierChanges.Abandon(gone)),
                () -> member.<String, EndHolders>getMap(PipeLayout.HOLDERS)
                        .executeOnEntries(new EndHolders.Abandon(gone)).forEach((key, end) -> {
                            if (end != null) {
                                PipeLayout.gone(member, key, end);
                            }
                        }));
        try {
            CompletableFuture.allOf(changes.stream().map(change -> CompletableFuture.runAsync(change, CHANGES))
                    .toArray(CompletableFuture[]::new)).join();
            member.getMap(LIVE_PROCESSES).removeAll(Predicates.equal("this", gone));
        } catch (RuntimeException e) {
            // the cluster is going down with this member
        }
    }
}
