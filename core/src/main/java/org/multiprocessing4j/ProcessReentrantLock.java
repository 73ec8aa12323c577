package org.multiprocessing4j;

/**
 * A reentrant lock shared by processes: Python's {@code multiprocessing.RLock}, as a
 * {@link java.util.concurrent.locks.Lock} that behaves like
 * {@link java.util.concurrent.locks.ReentrantLock}: the thread that holds it may take it again,
 * and must release it as many times.
 *
 * <p>Its guarantees across processes, including what happens when its holder dies, are those of
 * {@link RobustLock}. A thread that takes over the lock from a dead process holds it once, whatever
 * the dead holder's count was.
 *
 * @see ProcessContext#reentrantLock()
 */
public interface ProcessReentrantLock extends RobustLock {

    /**
     * How many times the current thread holds this lock.
     *
     * @return the count, 0 if the current thread does not hold the lock
     */
    int holdCount();
}
