package org.multiprocessing4j;

import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.multiprocessing4j.function.SerializableUncheckedBiFunction;
import org.multiprocessing4j.function.SerializableUncheckedFunction;

/**
 * A map owned by a {@link Manager}'s server process: Python's {@code Manager().dict()}, as a
 * {@link ConcurrentMap}. Every process that has a copy of the proxy (captured by a child's target,
 * sent through a queue, stored in another managed object) uses the same map.
 *
 * <pre>{@code
 * try (Manager manager = Multiprocessing.manager()) {
 *     ManagedMap<String, Integer> counts = manager.map();
 *     List<ChildProcess> children = new ArrayList<>();
 *     for (String word : List.of("a", "b", "a")) {
 *         children.add(Multiprocessing.process(() -> counts.merge(word, 1, Integer::sum)));
 *     }
 *     ...start and join them...
 *     System.out.println(counts); // {a=2, b=1}
 * }
 * }</pre>
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li>Each call runs in the server, and is atomic there as on a
 *       {@link java.util.concurrent.ConcurrentHashMap}: {@code merge}, {@code compute},
 *       {@code putIfAbsent} and the rest make no lost updates however many processes call them.
 *       Their functions run in the server, so they must be serializable: the overloads declared
 *       here make a lambda or method reference serializable where the map's static type is
 *       {@code ManagedMap}. A function that is not serializable fails in the caller with
 *       {@link UnserializableObjectException}, and the map is unchanged.</li>
 *   <li>Keys and values are copied: a value read is the server's value as it was, and changing it
 *       changes nothing in the map unless it is itself a manager's proxy (a map of lists made with
 *       {@link Manager#list()}, say), whose changes every process sees. Python's dictionary proxy
 *       loses changes made to a plain list it holds for the same reason; here a proxy stored in a
 *       map stays a proxy when it is read back.</li>
 *   <li>{@code keySet()}, {@code values()} and {@code entrySet()} are unmodifiable copies taken
 *       when they are called, not views; iteration and {@code forEach} run over such a copy in the
 *       caller. Nulls are refused, as by every {@code ConcurrentMap}.</li>
 *   <li>{@code equals} and {@code hashCode} compare contents, in the server, as {@link java.util.Map}
 *       says; {@code toString} shows the content.</li>
 *   <li>When the server is gone, every call throws {@link ManagerUnavailableException}.</li>
 * </ul>
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 * @see Manager#map()
 */
public interface ManagedMap<K, V> extends ConcurrentMap<K, V> {

    /**
     * {@link #merge(Object, Object, BiFunction)} with a function that is serializable by its
     * type, so that {@code map.merge(key, 1, Integer::sum)} can be sent to the server.
     *
     * @param key the key
     * @param value the value to merge in
     * @param remapping computes the new value from the old one and {@code value}
     * @return the new value, or {@code null} if the key was removed
     */
    default V merge(K key, V value, SerializableUncheckedBiFunction<? super V, ? super V, ? extends V> remapping) {
        return merge(key, value, (BiFunction<? super V, ? super V, ? extends V>) remapping);
    }

    /**
     * {@link #compute(Object, BiFunction)} with a function that is serializable by its type.
     *
     * @param key the key
     * @param remapping computes the new value from the key and the old value
     * @return the new value, or {@code null} if there is none
     */
    default V compute(K key, SerializableUncheckedBiFunction<? super K, ? super V, ? extends V> remapping) {
        return compute(key, (BiFunction<? super K, ? super V, ? extends V>) remapping);
    }

    /**
     * {@link #computeIfAbsent(Object, Function)} with a function that is serializable by its type.
     *
     * @param key the key
     * @param mapping computes a value for an absent key
     * @return the value now mapped, or {@code null} if there is none
     */
    default V computeIfAbsent(K key, SerializableUncheckedFunction<? super K, ? extends V> mapping) {
        return computeIfAbsent(key, (Function<? super K, ? extends V>) mapping);
    }

    /**
     * {@link #computeIfPresent(Object, BiFunction)} with a function that is serializable by its
     * type.
     *
     * @param key the key
     * @param remapping computes the new value from the key and the old value
     * @return the new value, or {@code null} if there is none
     */
    default V computeIfPresent(K key, SerializableUncheckedBiFunction<? super K, ? super V, ? extends V> remapping) {
        return computeIfPresent(key, (BiFunction<? super K, ? super V, ? extends V>) remapping);
    }

    /**
     * {@link #replaceAll(BiFunction)} with a function that is serializable by its type.
     *
     * @param function computes each new value from its key and old value
     */
    default void replaceAll(SerializableUncheckedBiFunction<? super K, ? super V, ? extends V> function) {
        replaceAll((BiFunction<? super K, ? super V, ? extends V>) function);
    }
}
