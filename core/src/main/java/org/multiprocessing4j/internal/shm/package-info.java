/**
 * The shared-memory substrate: segments (files under the session directory, mapped by every
 * process that uses them), 64-byte cells in them, the wait gate where threads of any process
 * sleep on a futex word until a cell changes, and the gate set where a thread sleeps on several
 * gates at once.
 *
 * <p>Thread safety: everything here may be used from any thread. Process safety: a cell is read
 * and written by every process that maps it, only through the atomic and volatile accesses of
 * {@link org.multiprocessing4j.internal.shm.Cell}, whose ordering guarantees hold across processes
 * as they do across threads. A segment is created by one process, in the directory its
 * {@link org.multiprocessing4j.internal.shm.SegmentDirectory} is given (that process's session
 * directory), and removed when that process exits; processes that mapped it keep their mapping.
 */
package org.multiprocessing4j.internal.shm;
