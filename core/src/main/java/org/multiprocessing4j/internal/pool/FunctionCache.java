package org.multiprocessing4j.internal.pool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The functions a worker holds, by id: a map of at most {@value #CAPACITY} entries that forgets
 * the least recently used. The parent keeps a twin of each worker's cache and applies the same
 * operations in the same order (the order of the messages on the worker's pipe), so it knows
 * without asking whether a batch must carry its job's function or may name it.
 *
 * @param <V> the function on the worker's side; anything on the parent's
 */
final class FunctionCache<V> {

    static final int CAPACITY = 16;

    private final Map<Long, V> entries = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The function of {@code job}, as the most recently used; {@code null} if not held. */
    V get(long job) {
        return entries.get(job);
    }

    /** Holds {@code function} for {@code job}, as the most recently used. */
    void put(long job, V function) {
        entries.put(job, function);
    }

    /** Forgets everything: the worker was replaced. */
    void clear() {
        entries.clear();
    }
}
