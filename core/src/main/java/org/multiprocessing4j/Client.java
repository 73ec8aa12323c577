package org.multiprocessing4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.internal.connection.ConnectionSettings;

/**
 * Connections to a {@link Listener}, or to CPython's {@code multiprocessing.connection.Listener}:
 * Python's {@code multiprocessing.connection.Client}.
 *
 * <pre>{@code
 * try (SocketConnection conn = Client.connect(new InetSocketAddress("127.0.0.1", 6000), key)) {
 *     System.out.println(conn.recv());                       // [2.25, junk]
 *     System.out.println(new String(conn.recvBytes(), UTF_8)); // hello
 * }
 * }</pre>
 *
 * <p>With a key, the client answers the listener's challenge, then challenges the listener in
 * turn, so a listener that does not hold the key is refused as well, with an
 * {@link AuthenticationException}, before anything it sent is read as an object. Without a key
 * ({@code null}) there is no handshake: the listener must have no key either. Objects are read
 * with the serializer and allow list of the {@link Builder}, as a listener's are.
 */
public final class Client {

    private Client() {
    }

    /**
     * Connects to {@code address} with the default options: Python's
     * {@code Client(address, authkey=authKey)}.
     *
     * @param address the listener's address: an {@link InetSocketAddress} or a
     *     {@link UnixDomainSocketAddress}
     * @param authKey the key to prove and to ask for; {@code null} for no authentication
     * @return the connection
     * @throws java.net.ConnectException if nothing listens there
     * @throws AuthenticationException if either side refuses the other's proof of the key
     * @throws IOException if the listener goes away during the handshake
     * @throws InterruptedException if interrupted while waiting for the handshake
     */
    public static SocketConnection connect(SocketAddress address, byte[] authKey)
            throws IOException, InterruptedException {
        return builder(address).authKey(authKey).connect();
    }

    /**
     * A builder of a connection to {@code address}, for the other options.
     *
     * @param address the listener's address, as for {@link #connect}
     * @return the builder
     */
    public static Builder builder(SocketAddress address) {
        return new Builder(address);
    }

    /** The options of a connection made by a {@link Client}. */
    public static final class Builder extends ConnectionOptions<Builder> {

        private final SocketAddress address;
        private Duration timeout;

        private Builder(SocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The longest time connecting and the handshake may take; no limit by default.
         *
         * @param timeout the limit
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Connects and authenticates.
         *
         * @return the connection
         * @throws java.net.ConnectException if nothing listens there
         * @throws SocketTimeoutException if the timeout passed first
         * @throws AuthenticationException if either side refuses the other's proof of the key
         * @throws IOException if the listener goes away during the handshake
         * @throws InterruptedException if interrupted while waiting
         */
        public SocketConnection connect() throws IOException, InterruptedException {
            ConnectionSettings settings = settings();
            long deadline = ConnectionSettings.deadlineAfter(timeout);
            SocketChannel channel = address instanceof UnixDomainSocketAddress
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            try {
                if (deadline == Long.MAX_VALUE) {
                    channel.connect(address);
                } else {
                    connectBefore(channel, deadline);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return settings.open(channel, false, deadline);
        }

        private void connectBefore(SocketChannel channel, long deadline) throws IOException, InterruptedException {
            channel.configureBlocking(false);
            if (channel.connect(address)) {
                return;
            }
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                while (!channel.finishConnect()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new SocketTimeoutException("could not connect to " + address + " within " + timeout);
                    }
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        }
    }
}
