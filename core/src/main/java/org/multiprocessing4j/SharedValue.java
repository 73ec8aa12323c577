package org.multiprocessing4j;

/**
 * A value in memory shared by processes, with the lock that guards compound updates of it:
 * Python's {@code multiprocessing.Value} and {@code RawValue}. {@link SharedInt},
 * {@link SharedLong}, {@link SharedDouble}, {@link SharedBoolean} and {@link SharedString} are
 * values; {@link SharedArray}s have the same guarantees for each element.
 *
 * <pre>{@code
 * SharedLong hits = mp.sharedLong(0);
 * mp.process(() -> hits.incrementAndGet()).start();       // atomic: no lock needed
 *
 * SharedLong balance = mp.sharedLong(100);
 * balance.lock().lock();                                   // read, compute, write: under the lock
 * try {
 *     if (balance.get() >= 30) {
 *         balance.set(balance.get() - 30);
 *     }
 * } finally {
 *     balance.lock().unlock();
 * }
 * }</pre>
 *
 * <h2>Across processes</h2>
 * <ul>
 *   <li><b>One value everywhere</b>: a value captured by a child's target, sent through a queue or
 *       a pipe, or passed to a pool's task is the same value in the other process, not a copy:
 *       what one process sets, every process reads.</li>
 *   <li><b>Atomic without the lock</b>: {@code get}, {@code set} and the atomic methods
 *       ({@code incrementAndGet}, {@code compareAndSet}, ...) are atomic by themselves, across
 *       processes as {@link java.util.concurrent.atomic.AtomicLong}'s are across threads, and none
 *       of them takes the lock.</li>
 *   <li><b>Memory consistency</b>: {@code get} has the memory effects of a volatile read,
 *       {@code set} those of a volatile write, and the atomic read-modify-write methods those of
 *       both, between threads of different processes as between threads of one.</li>
 *   <li><b>The lock</b> ({@link #lock()}, Python's {@code get_lock()}) is for updates made of
 *       several calls: read, compute, write. It excludes only the threads that take it: an atomic
 *       method called without it may change the value in between. By default a value has a
 *       {@link ProcessReentrantLock} of its own, as Python's default is an {@code RLock}; a value
 *       made with a lock uses that one, so one lock may guard several values; a raw value
 *       ({@code rawSharedLong(0)}, Python's {@code RawValue} or {@code lock=False}) has none.</li>
 *   <li><b>Functions run in the caller</b>: {@code updateAndGet} and its kin apply their function
 *       in the calling process, again if another thread of any process changed the value
 *       meanwhile, so it should have no side effects. It need not be serializable.</li>
 *   <li>A process that dies leaves the value as it last set it (a string is never left half
 *       written); a lock it held is taken over as {@link RobustLock} says.</li>
 * </ul>
 *
 * @see ProcessContext#sharedLong(long)
 */
public interface SharedValue {

    /**
     * The lock that guards compound updates of this value: Python's {@code get_lock()}. The same
     * lock in every process.
     *
     * @return the lock
     * @throws UnsupportedOperationException if the value is raw: it was made without a lock
     */
    RobustLock lock();
}
