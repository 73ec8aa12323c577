package org.multiprocessing4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.internal.connection.ConnectionSettings;

/**
 * A socket that accepts {@linkplain SocketConnection connections}: Python's
 * {@code multiprocessing.connection.Listener}, over TCP ({@link InetSocketAddress}) or a
 * Unix-domain socket ({@link UnixDomainSocketAddress}), speaking CPython's wire format and
 * authentication, so that {@link Client} and CPython's {@code Client} both connect to it.
 *
 * <pre>{@code
 * byte[] key = "secret password".getBytes(UTF_8);
 * try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 6000), key);
 *         SocketConnection conn = listener.accept()) {
 *     conn.send(List.of(2.25, "junk"));
 *     conn.sendBytes("hello".getBytes(UTF_8));
 * }
 * }</pre>
 *
 * <h2>Authentication</h2>
 * With a key, {@link #accept()} returns a connection only after both sides proved they hold it,
 * by CPython's challenge and response with HMAC-SHA256 (and the HMAC-MD5 of CPython 3.11 and
 * older, for such a peer); a peer that fails is refused with an {@link AuthenticationException}
 * before anything it sent is read as an object. An empty key is a key. Without a key ({@code null})
 * anyone who reaches the socket is accepted, so a listener without one binds only to a loopback
 * address or a Unix-domain socket, unless {@link Builder#allowRemoteWithoutKey()} says otherwise.
 *
 * <h2>Objects from peers</h2>
 * Connections read objects with the listener's serializer, {@code Serializer.standard()} unless
 * another is given, and only of the classes its allow list accepts: besides strings, boxed
 * primitives, {@code BigInteger}, {@code BigDecimal} and the {@code java.util} collections, always
 * accepted, by default records and enums of any class and the JDK's value types
 * ({@code java.time}, {@code UUID}, {@code URI}); {@code Builder.allowClasses} replaces that
 * default. A CPython peer sends pickles: give both sides {@code PickleSerializer} of the
 * {@code multiprocessing4j-python} module to exchange objects with it, or exchange bytes.
 *
 * <p>A listener is safe for use by several threads: they accept one at a time, and each
 * authenticates its own connection. {@link #close()} ends an {@code accept} that is waiting, which
 * then throws an {@link AsynchronousCloseException}; a Unix-domain socket's file is removed then.
 */
public final class Listener implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Selector acceptable;
    private final SocketAddress address;
    private final ConnectionSettings settings;
    private final Object accepting = new Object();
    private volatile SocketAddress lastAccepted;
    private volatile boolean closed;

    private Listener(ServerSocketChannel server, ConnectionSettings settings) throws IOException {
        this.server = server;
        this.settings = settings;
        this.address = server.getLocalAddress();
        server.configureBlocking(false);
        this.acceptable = Selector.open();
        server.register(acceptable, SelectionKey.OP_ACCEPT);
    }

    /**
     * Binds a listener to {@code address} with the default options: Python's
     * {@code Listener(address, authkey=authKey)}.
     *
     * @param address where to listen: an {@link InetSocketAddress} (port 0 for any free port) or a
     *     {@link UnixDomainSocketAddress} whose file does not exist yet
     * @param authKey the key peers must prove they hold; {@code null} for none
     * @return the listener
     * @throws IllegalArgumentException if there is no key and {@code address} is reachable from
     *     other machines
     * @throws java.net.BindException if the address is in use
     * @throws IOException if the socket cannot be made
     */
    public static Listener bind(SocketAddress address, byte[] authKey) throws IOException {
        return builder(address).authKey(authKey).bind();
    }

    /**
     * A builder of a listener on {@code address}, for the other options.
     *
     * @param address where to listen, as for {@link #bind}
     * @return the builder
     */
    public static Builder builder(SocketAddress address) {
        return new Builder(address);
    }

    /**
     * Waits for a connection and authenticates it. A peer that connects and never answers the
     * challenge holds this call, as it holds CPython's: {@link #accept(Duration)} bounds the wait
     * where peers are not trusted.
     *
     * @return the connection
     * @throws AuthenticationException if the peer does not hold the key, or refuses this side's
     *     proof; the listener remains open
     * @throws AsynchronousCloseException if the listener is closed while waiting
     * @throws ClosedChannelException if the listener is closed
     * @throws IOException if the peer goes away during the handshake
     * @throws InterruptedException if interrupted while waiting
     */
    public SocketConnection accept() throws IOException, InterruptedException {
        return accept(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code timeout} for a connection and its authentication.
     *
     * @param timeout the longest wait, the handshake included
     * @return the connection
     * @throws SocketTimeoutException if no connection was accepted and authenticated in time
     * @throws AuthenticationException as {@link #accept()}
     * @throws IOException as {@link #accept()}
     * @throws InterruptedException if interrupted while waiting
     */
    public SocketConnection accept(Duration timeout) throws IOException, InterruptedException {
        return accept(ConnectionSettings.deadlineAfter(Objects.requireNonNull(timeout, "timeout")));
    }

    private SocketConnection accept(long deadline) throws IOException, InterruptedException {
        SocketChannel channel;
        synchronized (accepting) {
            channel = next(deadline);
        }
        SocketConnection connection = settings.open(channel, true, deadline);
        lastAccepted = connection.remoteAddress();
        return connection;
    }

    /** The next connected channel; the caller holds {@link #accepting}. */
    private SocketChannel next(long deadline) throws IOException, InterruptedException {
        try {
            for (SocketChannel channel = server.accept(); ; channel = server.accept()) {
                if (channel != null) {
                    return channel;
                }
                if (deadline == Long.MAX_VALUE) {
                    acceptable.select();
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new SocketTimeoutException("no connection within the timeout");
                    }
                    acceptable.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                }
                acceptable.selectedKeys().clear();
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (closed) {
                    throw new AsynchronousCloseException();
                }
            }
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
    }

    /**
     * The address the listener is bound to, with the port chosen when port 0 was asked for:
     * Python's {@code address}.
     *
     * @return the address
     */
    public SocketAddress address() {
        return address;
    }

    /**
     * The peer's address of the connection {@link #accept()} returned last: Python's
     * {@code last_accepted}. With several threads accepting, each connection's
     * {@link SocketConnection#remoteAddress()} says whose it is.
     *
     * @return the address, or {@code null} before the first connection
     */
    public SocketAddress lastAccepted() {
        return lastAccepted;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} if closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops listening; removes a Unix-domain socket's file. Connections accepted before stay open.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            acceptable.close();
            server.close();
            if (address instanceof UnixDomainSocketAddress unix) {
                Files.deleteIfExists(unix.getPath());
            }
        } catch (IOException e) {
            // nothing more can be released
        }
    }

    @Override
    public String toString() {
        return "Listener[" + address + (closed ? ", closed]" : "]");
    }

    /**
     * The options of a {@link Listener}: Python's {@code Listener(address, family, backlog,
     * authkey)}, and the serializer and allow list for objects.
     */
    public static final class Builder extends ConnectionOptions<Builder> {

        private final SocketAddress address;
        private int backlog = 16;
        private boolean remoteWithoutKey;

        private Builder(SocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * How many connections the system holds before {@code accept} takes them; 16 by default
         * (CPython's default is 1).
         *
         * @param backlog at least 1
         * @return this builder
         */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog " + backlog + " < 1");
            }
            this.backlog = backlog;
            return this;
        }

        /**
         * Lets a listener without a key bind to an address that other machines can reach, so that
         * anyone who reaches it is accepted and may send objects of allowed classes.
         *
         * @return this builder
         */
        public Builder allowRemoteWithoutKey() {
            this.remoteWithoutKey = true;
            return this;
        }

        /**
         * Binds the listener.
         *
         * @return the listener
         * @throws IllegalArgumentException if there is no key, the address is reachable from other
         *     machines and {@link #allowRemoteWithoutKey()} was not called
         * @throws java.net.BindException if the address is in use
         * @throws IOException if the socket cannot be made
         */
        public Listener bind() throws IOException {
            SocketAddress target = address;
            if (target instanceof InetSocketAddress inet && inet.isUnresolved()) {
                target = new InetSocketAddress(inet.getHostString(), inet.getPort());
            }
            if (!hasKey() && !remoteWithoutKey && !ConnectionSettings.isLocal(target)) {
                throw new IllegalArgumentException("a listener without a key on " + target + " would accept anyone"
                        + " who reaches it: give it a key, bind to a loopback address, or allowRemoteWithoutKey()");
            }
            ServerSocketChannel server = target instanceof UnixDomainSocketAddress
                    ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
            try {
                server.bind(target, backlog);
                return new Listener(server, settings());
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }
}
