package org.multiprocessing4j.internal.manager;

import java.util.concurrent.ConcurrentHashMap;
import org.multiprocessing4j.ManagedMap;

/**
 * The server's map: a {@link ConcurrentHashMap}, whose atomic {@code merge} and {@code compute}
 * the proxies' calls reach.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class ServedMap<K, V> extends ConcurrentHashMap<K, V> implements ManagedMap<K, V> {

    private static final long serialVersionUID = 1L;
}
