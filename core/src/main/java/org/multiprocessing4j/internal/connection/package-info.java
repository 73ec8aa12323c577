/**
 * {@link org.multiprocessing4j.Listener} and {@link org.multiprocessing4j.Client}'s engine: CPython's
 * {@code multiprocessing.connection} wire format ({@code MessageFrames}) and challenge and
 * response ({@code Handshake}) over non-blocking socket channels, the connection itself
 * ({@code SocketChannelConnection}), its {@link org.multiprocessing4j.spi.Waiter}, and the classes
 * read from peers by default ({@code PeerClasses}).
 *
 * <p>Thread safety: a connection may be used by any number of threads; sends are serialised by
 * one lock and receives by another. Process safety: a connection belongs to the process that made
 * it; its peer may be any process that speaks the format, in Java or CPython.
 */
package org.multiprocessing4j.internal.connection;
