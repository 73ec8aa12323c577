package org.multiprocessing4j.internal.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.spi.Serializer;

/**
 * What a listener and a client share: the authentication key, and the serializer with its allow
 * list; and how a connected channel becomes an authenticated connection.
 *
 * @param authKey the key, or {@code null} for no authentication
 * @param serializer the serializer, reading only allowed classes
 */
public record ConnectionSettings(byte[] authKey, Serializer serializer) {

    /**
     * Settings of a serializer and an allow list.
     *
     * @param authKey the key, copied; {@code null} for none
     * @param serializer the serializer
     * @param allowed the allow list; {@code null} for {@link PeerClasses#DEFAULT}
     * @return the settings
     */
    public static ConnectionSettings of(byte[] authKey, Serializer serializer, Predicate<String> allowed) {
        return new ConnectionSettings(authKey == null ? null : authKey.clone(),
                serializer.withClassFilter(allowed == null ? PeerClasses.DEFAULT : allowed));
    }

    /**
     * Makes a connection of a connected channel and authenticates it, closing the channel if that
     * fails.
     *
     * @param channel the channel
     * @param listening whether this side accepted it, so challenges first
     * @param deadline a {@link System#nanoTime()} the handshake must end by; {@link Long#MAX_VALUE}
     *     for none
     * @return the connection
     * @throws org.multiprocessing4j.AuthenticationException if either side refuses the other
     * @throws java.net.SocketTimeoutException if the deadline passes first
     * @throws IOException if the peer goes away
     * @throws InterruptedException if interrupted
     */
    public SocketConnection open(SocketChannel channel, boolean listening, long deadline)
            throws IOException, InterruptedException {
        SocketChannelConnection connection;
        try {
            if (channel.getRemoteAddress() instanceof InetSocketAddress) {
                // each message is one write; waiting to fill a segment would only delay answers
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            connection = new SocketChannelConnection(channel, serializer);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (authKey == null) {
            return connection;
        }
        boolean done = false;
        try {
            if (listening) {
                Handshake.asListener(connection, authKey, deadline);
            } else {
                Handshake.asClient(connection, authKey, deadline);
            }
            done = true;
            return connection;
        } finally {
            if (!done) {
                connection.close();
            }
        }
    }

    /**
     * The classes connections read from peers unless told otherwise.
     *
     * @return the default allow list
     */
    public static Predicate<String> defaultAllowList() {
        return PeerClasses.DEFAULT;
    }

    /**
     * The {@link System#nanoTime()} at which {@code timeout} from now ends.
     *
     * @param timeout the timeout; {@code null} for none
     * @return the deadline, below {@link Long#MAX_VALUE}, which stands for none
     */
    public static long deadlineAfter(Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        long nanos = Math.max(0, TimeUnit.NANOSECONDS.convert(timeout));
        long now = System.nanoTime();
        return nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE - 1 : now + nanos;
    }

    /**
     * Whether only processes of this machine can reach {@code address}: a loopback address or a
     * Unix-domain socket.
     *
     * @param address the address
     * @return {@code true} if so
     */
    public static boolean isLocal(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return true;
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getAddress() != null && inet.getAddress().isLoopbackAddress();
    }
}
