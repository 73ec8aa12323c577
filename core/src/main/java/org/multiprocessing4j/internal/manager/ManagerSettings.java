package org.multiprocessing4j.internal.manager;

import java.io.Serializable;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.internal.connection.ConnectionSettings;

/**
 * What {@link org.multiprocessing4j.ManagerOptions} hands the manager: sent to the server when it
 * starts, and read by a process that connects to one.
 *
 * @param factories the registered types' factories, by interface name
 * @param address where the server listens, or {@code null} for nowhere
 * @param authKey the key connections over the socket prove
 * @param allowedClasses class names read from network peers besides the default ones
 * @param allowedPackages packages whose classes are read from network peers
 */
public record ManagerSettings(Map<String, SerializableCallable<?>> factories, SocketAddress address, byte[] authKey,
        List<String> allowedClasses, List<String> allowedPackages) implements Serializable {

    /**
     * What a reader of network data accepts: the manager's own messages, interfaces (a proxy's
     * class names only interfaces, and its calls run this library's code), records and enums of
     * the registered types' packages, what the settings allow, and the default allow list.
     *
     * @return the allow list
     */
    Predicate<String> allowList() {
        Predicate<String> standard = ConnectionSettings.defaultAllowList();
        return name -> ManagerWire.CLASSES.contains(name) || allowedClasses.contains(name)
                || allowedPackages.contains(packageOf(name)) || standard.test(name) || isInterface(name);
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    private static boolean isInterface(String name) {
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return Class.forName(name, false, context != null ? context : ManagerSettings.class.getClassLoader())
                    .isInterface();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
