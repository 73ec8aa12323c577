package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryRemovedListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this JVM, without a round trip, whether the pipe ends whose peers it holds are gone: one
 * listener for the removals of the holders map, which happen once per end, and a flag per end of
 * interest. An end of interest is looked up once when it becomes one, so a removal before the
 * listener heard of it is not missed.
 */
final class EndWatch {

    private final IMap<String, EndHolders> holders;
    /** Whether each end of interest is gone. */
    private final Map<String, Boolean> ends = new ConcurrentHashMap<>();

    EndWatch(HazelcastInstance cluster) {
        this.holders = cluster.getMap(PipeLayout.HOLDERS);
        holders.addEntryListener((EntryRemovedListener<String, EndHolders>) this::removed, false);
    }

    private void removed(EntryEvent<String, EndHolders> event) {
        ends.replace(event.getKey(), Boolean.TRUE);
    }

    /** Takes an interest in the end of {@code key}, until {@link #forget}. */
    void follow(String key) {
        if (ends.putIfAbsent(key, Boolean.FALSE) == null && !holders.containsKey(key)) {
            ends.put(key, Boolean.TRUE);
        }
    }

    void forget(String key) {
        ends.remove(key);
    }

    /** Whether the end of {@code key}, one of interest, is gone as far as this JVM has heard. */
    boolean gone(String key) {
        return ends.getOrDefault(key, Boolean.FALSE);
    }

    /** Whether the end of {@code key} is gone, asking the cluster. */
    boolean goneNow(String key) {
        boolean gone = !holders.containsKey(key);
        if (gone) {
            ends.replace(key, Boolean.TRUE);
        }
        return gone;
    }
}
