package org.multiprocessing4j;

import java.io.EOFException;
import java.net.SocketAddress;

/**
 * A connection made by {@link Listener#accept()} or {@link Client#connect}: a {@link PipeEnd} over
 * a TCP or Unix-domain socket, with CPython's {@code multiprocessing.connection} wire format, so
 * that its peer may be a CPython process as well as a Java one.
 *
 * <h2>What differs from a pipe's end</h2>
 * <ul>
 *   <li>A connection belongs to the process that made it: it is not serializable and cannot be
 *       passed to a child. Closing it closes the socket; the peer's {@code recv} then returns what
 *       was sent before and throws {@link EOFException}, as it does when this process exits or is
 *       killed.</li>
 *   <li>A send fails with {@link BrokenPipeException} once the socket reports that the peer is
 *       gone; what was sent just before that may be lost with the peer, as with any socket. A
 *       send waits while the socket's buffers are full, and if interrupted while waiting it closes
 *       the connection (part of the message is on its way), then throws.</li>
 *   <li>{@link #poll()} is {@code true} when some bytes of a message (or the end of data) have
 *       arrived, as CPython's {@code poll} is; a message that is only partly there still makes
 *       {@code recv} wait for the rest.</li>
 *   <li>Objects are read only when their classes are on the allow list given to the listener or
 *       client (by default records, enums and the JDK's value types and collections); anything
 *       else fails in {@code recv} with an {@link java.io.InvalidClassException} before the class
 *       is initialized. Bytes are never deserialized.</li>
 *   <li>A message of more than 2 GiB − 1 bytes (which a CPython peer may send) cannot be held in a
 *       Java array: receiving one closes the connection and throws an
 *       {@link java.io.IOException}.</li>
 * </ul>
 * Threads may send and receive at once; several senders are served one message at a time, and so
 * are several receivers. {@link Connections#waitAny} waits on connections, beside pipe ends,
 * queues and processes.
 */
public interface SocketConnection extends PipeEnd {

    /**
     * The address of this side of the socket.
     *
     * @return the address: an {@link java.net.InetSocketAddress} or a
     *     {@link java.net.UnixDomainSocketAddress}
     */
    SocketAddress localAddress();

    /**
     * The address of the peer; for a Unix-domain socket, usually one with an empty path, since
     * clients seldom bind theirs.
     *
     * @return the address
     */
    SocketAddress remoteAddress();
}
