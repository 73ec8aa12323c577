package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * The copies of cluster pipe ends in this JVM, counted so that a process holds each end once in
 * its {@link EndHolders} however many copies it has: the hold is taken with the first copy and
 * given up with the last one closed or collected. Counts and the cluster's holders change together
 * under one lock, so that a copy arriving while the last one closes never finds the hold half
 * given up.
 */
final class EndCopies {

    private static final Map<String, Integer> COPIES = new HashMap<>();
    /** The cluster instances whose pipes' queues are configured; an instance shut down is forgotten. */
    private static final Set<HazelcastInstance> CONFIGURED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private EndCopies() {
    }

    /** Whether this JVM makes its first pipe on {@code cluster}, and so configures the pipes' queues. */
    static boolean firstPipe(HazelcastInstance cluster) {
        return CONFIGURED.add(cluster);
    }

    static EndHolders.Holder processHolder(ClusterRuntime runtime) {
        return new EndHolders.Holder(ProcessPlace.current().id(), runtime.endpoint());
    }

    private static IMap<String, EndHolders> holders(ClusterRuntime runtime) {
        return runtime.instance().getMap(PipeLayout.HOLDERS);
    }

    /** A copy of an end this process has just made and holds; returns what gives the copy up. */
    static Runnable created(ClusterRuntime runtime, String key) {
        synchronized (COPIES) {
            return counted(runtime, key);
        }
    }

    /**
     * A copy of an end that arrived in this process, held in flight under {@code token}
     * ({@code null}: not held so): the process holds the end from now on.
     *
     * @return what gives the copy up, or {@code null} if the end is gone
     */
    static Runnable received(ClusterRuntime runtime, String key, String token) {
        synchronized (COPIES) {
            if (token != null || !COPIES.containsKey(key)) {
                EndHolders.Join join = new EndHolders.Join(token, processHolder(runtime));
                if (!runtime.partitionCalls().executeOnKey(PipeLayout.HOLDERS, key, join)) {
                    return null;
                }
            }
            return counted(runtime, key);
        }
    }

    private static Runnable counted(ClusterRuntime runtime, String key) {
        if (COPIES.merge(key, 1, Integer::sum) == 1) {
            runtime.endWatch().follow(PipeLayout.peer(key));
        }
        return () -> closed(runtime, key);
    }

    private static void closed(ClusterRuntime runtime, String key) {
        synchronized (COPIES) {
            if (COPIES.merge(key, -1, Integer::sum) > 0) {
                return;
            }
            COPIES.remove(key);
            runtime.endWatch().forget(PipeLayout.peer(key));
            runtime.queueWatch().unwatch(PipeLayout.queue(key));
            runtime.parkedTakes().release(key);
            leave(runtime, key, ProcessPlace.current().id());
        }
    }

    /**
     * Holds the end of {@code key} for the process that will bind the copy being serialized;
     * given back if the bytes are not sent (see {@link InFlightHolds}).
     *
     * @return the token the copy is held under, or {@code null} if the end is gone
     */
    static String send(ClusterRuntime runtime, String key) {
        String token = InFlightHolds.heldToken(key);
        if (token != null) {
            return token;
        }
        token = UUID.randomUUID().toString();
        EndHolders.Join join = new EndHolders.Join(null, new EndHolders.Holder(token, runtime.endpoint()));
        if (!runtime.partitionCalls().executeOnKey(PipeLayout.HOLDERS, key, join)) {
            return null;
        }
        String held = token;
        InFlightHolds.record(key, held, () -> leave(runtime, key, held));
        return held;
    }

    private static void leave(ClusterRuntime runtime, String key, String holder) {
        try {
            ClusterCalls.regardless(() -> {
                EndHolders gone = holders(runtime).executeOnKey(key, new EndHolders.Leave(holder));
                if (gone != null) {
                    PipeLayout.gone(runtime.instance(), key, gone);
                }
                return null;
            });
        } catch (RuntimeException e) {
            // the cluster is going down: the members count this process out as it leaves
        }
    }
}
