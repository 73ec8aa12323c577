package org.multiprocessing4j;

import java.util.Objects;
import java.util.function.Predicate;
import org.multiprocessing4j.internal.connection.ConnectionSettings;
import org.multiprocessing4j.spi.Serializer;

/**
 * What {@link Listener.Builder} and {@link Client.Builder} both set: the authentication key, the
 * serializer and the allow list of classes read from peers.
 *
 * @param <B> the builder's own type
 */
abstract class ConnectionOptions<B extends ConnectionOptions<B>> {

    private byte[] authKey;
    private Serializer serializer = Serializer.standard();
    private Predicate<String> allowed;

    ConnectionOptions() {
    }

    /** This builder, as its own type. */
    abstract B self();

    /**
     * The key to prove and to ask the peer to prove; none ({@code null}) by default, which means
     * no authentication. Copied.
     *
     * @param key the key; an empty one is a key
     * @return this builder
     */
    public B authKey(byte[] key) {
        this.authKey = key;
        return self();
    }

    /**
     * The serializer of objects; {@link Serializer#standard()} by default. The peer must use the
     * same.
     *
     * @param serializer the serializer
     * @return this builder
     */
    public B serializer(Serializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        return self();
    }

    /**
     * Which classes connections read from peers, by binary name, asked before a class is loaded;
     * replaces the default allow list (records and enums of any class, and the JDK's value types).
     * Strings, boxed primitives and the {@code java.util} collections are read whatever it says.
     *
     * @param allowed accepts the names of the classes that may be read, for example
     *     {@code name -> name.startsWith("com.example.messages.")}
     * @return this builder
     * @see Serializer#withClassFilter
     */
    public B allowClasses(Predicate<String> allowed) {
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        return self();
    }

    boolean hasKey() {
        return authKey != null;
    }

    ConnectionSettings settings() {
        return ConnectionSettings.of(authKey, serializer, allowed);
    }
}
