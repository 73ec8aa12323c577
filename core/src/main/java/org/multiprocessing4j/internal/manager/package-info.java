/**
 * The manager: a server process that owns objects and the proxies that call them; Python's
 * {@code multiprocessing.managers}. The server serves each client connection on a thread of its
 * own, so the server's current thread stands for one client thread: a lock a client thread takes
 * is held by that connection's thread, and {@code Served*} objects are the ones those threads
 * call, each implementing a public interface with ordinary in-JVM semantics. When a client
 * connection ends, its thread gives up the locks it holds through
 * {@link org.multiprocessing4j.internal.manager.HeldLocks}, and their next holders see
 * {@link org.multiprocessing4j.RobustLock#ownerDied()}.
 *
 * <p>The parts: {@code ManagerServer} runs in the server's process and {@code ServedObjects} holds
 * its objects by number; {@code ManagerLink} is a process's way to one manager (a connection per
 * calling thread, {@code ClientConnection}); {@code ProxyCall} is every proxy's handler, and
 * {@code MethodTable} numbers an interface's methods the same way in every process. The design and
 * its reasons are in {@code docs/decisions/0025-manager.md}.
 *
 * <p>Thread safety: every server object is safe for concurrent use by any number of connection
 * threads; what one call does is atomic where its interface says so, and separate calls are not
 * atomic together.
 */
package org.multiprocessing4j.internal.manager;
