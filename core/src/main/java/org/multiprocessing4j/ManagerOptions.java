package org.multiprocessing4j;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.internal.manager.ManagerSettings;

/**
 * How a {@link Manager} is started, or {@linkplain Manager#connect connected} to: the types of the
 * application's own it serves, the address it listens on, its authentication key and the classes
 * it reads from the network. Python's {@code BaseManager} arguments and {@code register}.
 *
 * <pre>{@code
 * ManagerOptions options = new ManagerOptions()
 *         .register(Counter.class, CounterImpl::new)
 *         .listen()                      // 127.0.0.1, a free port
 *         .authKey(key);
 * try (Manager manager = Multiprocessing.manager(options)) {
 *     Counter counter = manager.create(Counter.class);
 *     ...
 * }
 * }</pre>
 *
 * Not thread-safe; the manager takes a copy of the options when it starts.
 */
public final class ManagerOptions {

    private final Map<String, SerializableCallable<?>> factories = new LinkedHashMap<>();
    private final List<String> allowedClasses = new ArrayList<>();
    private final List<String> allowedPackages = new ArrayList<>();
    private SocketAddress address;
    private byte[] authKey;

    /** Options with no registered types, no listening socket and a random key. */
    public ManagerOptions() {
    }

    /**
     * Registers a type of the application's own: {@link Manager#create create(type)} makes an
     * object with {@code factory} in the server and returns a proxy of {@code type} whose calls run
     * on it there. A method of {@code type} whose declared return type is a registered interface, or
     * one of the library's proxy types, returns a proxy of the object it returns; every other
     * result is a copy.
     *
     * @param <T> the interface
     * @param type the interface proxies implement: public, and not generic in ways its callers
     *     rely on at run time
     * @param factory makes a new object of the type, in the server; sent there, so serializable
     * @return these options
     * @throws IllegalArgumentException if {@code type} is not a public interface
     */
    public <T> ManagerOptions register(Class<T> type, SerializableCallable<? extends T> factory) {
        Objects.requireNonNull(factory, "factory");
        if (!type.isInterface() || !java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is not a public interface");
        }
        factories.put(type.getName(), factory);
        return this;
    }

    /**
     * Serves connections from other programs on {@code address}, a TCP address or a Unix-domain
     * socket's path, as well as from the processes the starting one starts. Connections must prove
     * the {@linkplain #authKey key}. Python's {@code BaseManager(address=...)}.
     *
     * @param address where to listen; port 0 picks a free port, which {@link Manager#address()}
     *     tells
     * @return these options
     */
    public ManagerOptions listen(SocketAddress address) {
        this.address = Objects.requireNonNull(address, "address");
        return this;
    }

    /**
     * Serves connections on the loopback address, at a free port.
     *
     * @return these options
     */
    public ManagerOptions listen() {
        return listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * The key that connections over the {@linkplain #listen socket} prove, with CPython's
     * challenge and response; 32 random bytes by default. Copied.
     *
     * @param key the key; an empty one is a key
     * @return these options
     */
    public ManagerOptions authKey(byte[] key) {
        this.authKey = key.clone();
        return this;
    }

    /**
     * Classes read from network peers besides the default allow list (records and enums, the JDK's
     * value types, strings, boxed numbers and collections).
     *
     * @param classes the classes, exactly (not their subclasses)
     * @return these options
     */
    public ManagerOptions allowClasses(Class<?>... classes) {
        for (Class<?> type : classes) {
            allowedClasses.add(type.getName());
        }
        return this;
    }

    /**
     * Every class of the given packages (not their subpackages) read from network peers, besides
     * the default allow list.
     *
     * @param packages package names such as {@code "com.example.orders"}
     * @return these options
     */
    public ManagerOptions allowPackages(String... packages) {
        for (String name : packages) {
            allowedPackages.add(Objects.requireNonNull(name, "package"));
        }
        return this;
    }

    ManagerSettings settings() {
        byte[] key = authKey;
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        return new ManagerSettings(new LinkedHashMap<>(factories), address, key.clone(),
                List.copyOf(allowedClasses), List.copyOf(allowedPackages));
    }
}
