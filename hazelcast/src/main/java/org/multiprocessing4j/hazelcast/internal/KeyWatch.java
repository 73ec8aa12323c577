package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Lets threads of this JVM sleep until an entry of a cluster map changes: one listener per map,
 * and one counter per key that every change of the key advances and wakes the sleepers of. A
 * sleeper reads the counter before it looks at the entry and sleeps only while the counter still
 * has that value, so a change that comes between the look and the sleep is never slept through.
 * It also looks again every second, in case an event was lost with a member.
 */
final class KeyWatch {

    private static final long LOOK_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<Object, Counter> changes = new ConcurrentHashMap<>();

    /** Changes of one key seen here, and the threads waiting on it; dropped when none waits. */
    private static final class Counter {
        long changes;
        int waiters;
    }

    <K, V> KeyWatch(IMap<K, V> map) {
        map.addEntryListener(new Listener<K, V>(), false);
    }

    /**
     * Waits until {@code ready} holds or {@code timeoutNanos} have passed.
     *
     * @return whether {@code ready} held
     */
    boolean await(Object key, BooleanSupplier ready, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        Counter counter = changes.compute(key, (k, existing) -> {
            Counter joined = existing == null ? new Counter() : existing;
            joined.waiters++;
            return joined;
        });
        try {
            while (true) {
                long seen;
                synchronized (counter) {
                    seen = counter.changes;
                }
                if (ready.getAsBoolean()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                synchronized (counter) {
                    if (counter.changes == seen) {
                        TimeUnit.NANOSECONDS.timedWait(counter, Math.min(left, LOOK_AGAIN_NANOS));
                    }
                }
            }
        } finally {
            changes.computeIfPresent(key, (k, existing) -> --existing.waiters == 0 ? null : existing);
        }
    }

    private void changed(Object key) {
        Counter counter = changes.get(key);
        if (counter != null) {
            synchronized (counter) {
                counter.changes++;
                counter.notifyAll();
            }
        }
    }

    private final class Listener<K, V> implements EntryAddedListener<K, V>, EntryUpdatedListener<K, V>,
            EntryRemovedListener<K, V> {

        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<K, V> event) {
            changed(event.getKey());
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<K, V> event) {
            changed(event.getKey());
        }

        @Override
        public void entryRemoved(com.hazelcast.core.EntryEvent<K, V> event) {
            changed(event.getKey());
        }
    }
}
