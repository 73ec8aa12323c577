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
 *
 * <p>Named blocks ({@link org.multiprocessing4j.internal.shm.BlockFiles}) are the other kind of
 * file: machine-wide names in {@code /dev/shm}, as CPython's, each mapped by every view of its own
 * ({@link org.multiprocessing4j.internal.shm.BlockMapping}) and read and written with plain
 * accesses; the blocks a process owns are recorded in its session directory
 * ({@link org.multiprocessing4j.internal.shm.OwnedBlocks}) and unlinked when it is removed. A
 * shareable list is a block laid out as
 * {@link org.multiprocessing4j.internal.shm.ShareableListLayout} draws it, whose words that
 * processes update are read and written through the volatile and atomic accesses of
 * {@code BlockMapping}.
 */
package org.multiprocessing4j.internal.shm;
