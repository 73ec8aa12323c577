package org.multiprocessing4j.internal.manager;

import java.io.Serializable;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.internal.connection.ConnectionSettings;
import org.multiprocessing4j.internal.serial.ProxyAllowList;

/**
 * What {@link org.multiprocessing4j.ManagerOptions} hands the manager: sent to the server when it
 * starts, and read by a process that connects to one. A class rather than a record: a JVM reads
 * its first record of each shape through JDK serialization in milliseconds, a class in a fraction
 * of that, and the server's JVM reads this one first thing (decision 0036).
 */
public final class ManagerSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, SerializableCallable<?>> factories;
    private final SocketAddress address;
    private final byte[] authKey;
    private final List<String> allowedClasses;
    private final List<String> allowedPackages;

    /**
     * The settings.
     *
     * @param factories the registered types' factories, by interface name
     * @param address where the server listens, or {@code null} for nowhere
     * @param authKey the key connections over the socket prove
     * @param allowedClasses class names read from network peers besides the default ones
     * @param allowedPackages packages whose classes are read from network peers
     */
    public ManagerSettings(Map<String, SerializableCallable<?>> factories, SocketAddress address, byte[] authKey,
            List<String> allowedClasses, List<String> allowedPackages) {
        this.factories = factories;
        this.address = address;
        this.authKey = authKey;
        this.allowedClasses = allowedClasses;
        this.allowedPackages = allowedPackages;
    }

    /** The registered types' factories, by interface name. */
    public Map<String, SerializableCallable<?>> factories() {
        return factories;
    }

    /** Where the server listens, or {@code null} for nowhere. */
    public SocketAddress address() {
        return address;
    }

    /** The key connections over the socket prove. */
    public byte[] authKey() {
        return authKey;
    }

    /** Class names read from network peers besides the default ones. */
    public List<String> allowedClasses() {
        return allowedClasses;
    }

    /** Packages whose classes are read from network peers. */
    public List<String> allowedPackages() {
        return allowedPackages;
    }

    /**
     * The settings of a process that reaches a manager over its socket with a key it was given,
     * and the default allow list.
     *
     * @param authKey the key
     * @return the settings
     */
    static ManagerSettings connecting(byte[] authKey) {
        return new ManagerSettings(Map.of(), null, authKey, List.of(), List.of());
    }

    /**
     * What a reader of network data accepts: the manager's own messages, what the settings allow,
     * and the default allow list; as a proxy's interface, any interface (a proxy runs only its
     * handler's code, and the handler's class is checked as any other).
     *
     * @return the allow list
     */
    ProxyAllowList allowList() {
        Predicate<String> standard = ConnectionSettings.defaultAllowList();
        return new ProxyAllowList() {
            @Override
            public boolean test(String name) {
                return ManagerWire.CLASSES.contains(name) || allowedClasses.contains(name)
                        || allowedPackages.contains(packageOf(name)) || standard.test(name);
            }

            @Override
            public boolean allowsProxyOf(String name) {
                try {
                    return ServedObjects.load(name) != null;
                } catch (ClassNotFoundException | LinkageError e) {
                    return false;
                }
            }
        };
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
