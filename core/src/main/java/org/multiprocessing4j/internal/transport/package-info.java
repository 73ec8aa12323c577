/**
 * Framing over loopback sockets: the control connection between a parent and each child.
 *
 * <p>Thread safety: a {@link org.multiprocessing4j.internal.transport.FrameChannel} allows one
 * reading and one writing thread at a time; concurrent writers are serialised. Process safety: a
 * connection has exactly two ends, one in each process.
 */
package org.multiprocessing4j.internal.transport;
