package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryRemovedListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Tells this JVM, without a round trip, whether the pipe ends whose peers it holds are gone: one
 * listener for the removals of the holders map, which happen once per end, and a flag per end of
 * interest. An end of interest is looked up when it becomes one, so a removal before the listener
 * heard of it is not missed, and again at most every second while this JVM asks about it.
 */
final class EndWatch {

    private static final long LOOK_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final IMap<String, EndHolders> holders;
    /** Whether each end of interest is gone. */
    private final Map<String, Boolean> ends = new ConcurrentHashMap<>();
    /** When the cluster was last asked about each end of interest. */
    private final Map<String, Long> looked = new ConcurrentHashMap<>();

    EndWatch(HazelcastInstance cluster) {
        this.holders = cluster.getMap(PipeLayout.HOLDERS);
        holders.addEntryListener((EntryRemovedListener<String, EndHolders>) this::removed, false);
    }

    private void removed(EntryEvent<String, EndHolders> event) {
        ends.replace(event.getKey(), Boolean.TRUE);
    }

    /** Takes an interest in the end of {@code key}, until {@link #forget}. */
    void follow(String key) {
        if (ends.putIfAbsent(key, Boolean.FALSE) == null) {
            looked.put(key, System.nanoTime());
            if (!ClusterCalls.regardless(() -> holders.containsKey(key))) {
                ends.put(key, Boolean.TRUE);
            }
        }
    }

    void forget(String key) {
        ends.remove(key);
        looked.remove(key);
    }

    /**
     * Whether the end of {@code key}, one of interest, is gone: as far as this JVM has heard, and
     * as the cluster says at most every second, in case the news was lost with a member.
     */
    boolean gone(String key) {
        if (ends.getOrDefault(key, Boolean.FALSE)) {
            return true;
        }
        long now = System.nanoTime();
        Long last = looked.get(key);
        if (last != null && now - last < LOOK_AGAIN_NANOS) {
            return false;
        }
        looked.put(key, now);
        boolean gone = !ClusterCalls.regardless(() -> holders.containsKey(key));
        if (gone) {
            ends.replace(key, Boolean.TRUE);
        }
        return gone;
    }
}
