/**
 * The {@code hazelcast} process context: the same program on a cluster of machines, with
 * Hazelcast's open-source edition. A program picks it by name instead of the local context, and
 * changes nothing else:
 * <pre>{@code
 * ProcessContext mp = ProcessContext.get("hazelcast", Map.of("cluster", "demo",
 *         "members", "10.0.0.1:5701,10.0.0.2:5701,10.0.0.3:5701", "mode", "client"));
 * }</pre>
 * or {@code -Dmultiprocessing4j.context=hazelcast} for the default context of
 * {@link org.multiprocessing4j.Multiprocessing}'s static methods, with its default options.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@code cluster}: the cluster's name, {@code multiprocessing4j} by default. Members of
 *       another name never join it, so a fresh name keeps clusters of separate runs apart.</li>
 *   <li>{@code members}: where members listen, {@code host:port,host:port...}, each a single
 *       port ({@code 127.0.0.1:5701} by default). Members find each other by this list only:
 *       multicast and cloud discovery are off.</li>
 *   <li>{@code mode}: {@code member} (the default) makes the program's JVM a member of the
 *       cluster, which keeps part of its data and runs children; {@code client} connects to the
 *       members without being one.</li>
 *   <li>{@code port}: where an embedded member listens, 5701 by default (the next free port
 *       above it if that one is taken).</li>
 *   <li>{@code config}: a Hazelcast XML or YAML configuration file for an embedded member, in
 *       place of the settings above; the library still turns phone-home off.</li>
 * </ul>
 * A member started by the library listens on the host of the first member listed (loopback by
 * default), never on every interface, and never phones home. Hazelcast logs through the JDK's
 * logging, and only severe messages unless the logging configuration sets {@code com.hazelcast}'s
 * level.
 *
 * <h2>Children</h2>
 * A child runs on a member, chosen in turn among the cluster's members, as a child JVM of that
 * member, which keeps the guarantees of a child on one machine: its own heap, a hard
 * {@code kill}, and an end with the member. Every member must therefore have the program's
 * classes on its class path: start members with {@link org.multiprocessing4j.hazelcast.ClusterMember}
 * and the program's class path. A child connects to the cluster as a client of its member; it
 * sees the program's tree as a local child does ({@code Process-1}, {@code Process-1:1}, its
 * parent's name and pid), exits with the same codes, and its exception reaches the parent with its
 * stack trace. Its JVM options, environment, working directory and output files are those of the
 * member's machine. {@code cpuCount()} counts the processors of the machine it is called on.
 *
 * <p>A member keeps spare JVMs ready for its children, as a warm local context does (the system
 * property {@code multiprocessing4j.spares} of the member's JVM says how many), and each spare
 * connects to the member while it waits, so that a child finds itself connected: connecting is
 * most of a fresh JVM's way onto the cluster; {@code prestart} waits until every member's spares
 * are ready. A child given JVM options of its own starts a JVM of its own with them, and connects
 * once it is running.
 *
 * <p>A child never outlives its parent: when the parent leaves the cluster, even killed with
 * SIGKILL, the members kill its children (within about a second of the parent's connection
 * closing). A child whose member leaves the cluster dies with it; its parent sees it end with exit
 * code {@code -9}, as after a {@code kill()}. A program's JVM ends its part in the cluster once
 * its {@code main} and its other threads have ended and its non-daemon children have been joined
 * (its daemon children are terminated), as a local program does.
 *
 * <h2>What is mapped onto the cluster</h2>
 * Children; {@link org.multiprocessing4j.ProcessContext#queue queues} (plain, joinable and
 * simple), kept in the cluster's queues as the bytes of the program's serializer, every element
 * moved whole; {@link org.multiprocessing4j.ProcessContext#pipe pipes}, whose ends are counted
 * across processes as on one machine (the end of data, or a broken pipe, comes once every process
 * that held the other end has closed it or left the cluster), a message of more than 16 KiB
 * streamed in parts with 1 MiB of room; a receive waits on the member for the next message, and
 * one ended by an interrupt leaves the message that then arrives to the end's other holders, or,
 * if its process is the only one, to that process's next receive (a message handed back so is
 * behind what was sent meanwhile; a process killed while it waits to receive may take the one
 * message then on its way to it along); {@link org.multiprocessing4j.ProcessContext#lock locks}
 * and {@link org.multiprocessing4j.ProcessContext#reentrantLock reentrant locks},
 * {@link org.multiprocessing4j.ProcessContext#semaphore semaphores} (bounded or not),
 * {@link org.multiprocessing4j.ProcessContext#event events},
 * {@link org.multiprocessing4j.ProcessContext#condition conditions},
 * {@link org.multiprocessing4j.ProcessContext#barrier barriers}, and shared
 * {@linkplain org.multiprocessing4j.ProcessContext#sharedLong(long) values} and
 * {@linkplain org.multiprocessing4j.ProcessContext#sharedDoubleArray(int) arrays}, kept in the
 * cluster's maps and changed by entry processors, an array in pieces of 1024 elements. A
 * {@linkplain org.multiprocessing4j.ProcessContext#pool() pool} runs its workers as children on the
 * members, in turn, each sent its tasks through a pipe as it finishes the ones before, so that a
 * slow member does not hold the others back; a worker that dies with its member fails its task
 * with {@link org.multiprocessing4j.WorkerDiedException}, or has it run again elsewhere if the pool
 * retries. {@link org.multiprocessing4j.Connections#waitAny waitAny} waits on the cluster's pipe
 * ends and queues. A {@linkplain org.multiprocessing4j.ProcessContext#manager() manager} runs its
 * server as a child on a member, and every process of the cluster reaches it through the
 * cluster's queues and pipes: its maps, lists, namespaces and other objects are shared cluster-wide
 * (each call two pipe messages), and live as long as the server's member. A child's default
 * context ({@code Multiprocessing}'s) is the context of its parent.
 *
 * <p>A lock whose holder's process leaves the cluster (exits, is killed, or dies with its member)
 * is taken over by the next taker, which learns it from {@code ownerDied()}, within a few
 * seconds. A waiter on a condition whose process leaves keeps its place in the line, as on the
 * local backend: a signal that reaches it goes to the next live waiter, or else wakes the next to
 * wait. A barrier whose last party's process leaves while it runs the action is broken. A network
 * split can make the members on either side believe the other side's processes dead, and so let a
 * process on each side hold one lock: the library does not guard against that (the open-source
 * edition has no consensus subsystem), so data that two holders must never change at once wants a
 * cluster that does not split (members on one network) or a check of its own, such as a version
 * number written with the data.
 *
 * <p>Each call of these objects is a network round trip (about 0.1 to 0.3 ms on one machine),
 * where the local backend's take microseconds. An array has no
 * {@linkplain org.multiprocessing4j.SharedIntArray#asBuffer() buffer view}: its elements live in
 * the members' memory, and {@code asBuffer()} throws {@link java.lang.UnsupportedOperationException}
 * saying how to copy instead. Named shared-memory blocks and shareable lists have no meaning on a
 * cluster, and say so in the same way.
 */
package org.multiprocessing4j.hazelcast;
