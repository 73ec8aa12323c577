/**
 * The engine of {@link org.multiprocessing4j.ProcessPool}: worker processes, each fed through a
 * pipe of its own by one dispatcher thread and read by one reader thread of the parent.
 *
 * <p>Thread safety: {@link org.multiprocessing4j.internal.pool.PoolEngine} and the jobs are safe
 * for use by any number of caller threads; a worker slot's state is guarded by the engine's lock.
 * Process safety: a worker's pipe has one sender (the parent's dispatcher) and one receiver per
 * direction; nothing else is shared between processes.
 */
package org.multiprocessing4j.internal.pool;
