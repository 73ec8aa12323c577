package org.multiprocessing4j.spi;

/**
 * What {@link org.multiprocessing4j.Connections#waitAny} needs of a pipe end or queue: whether it
 * is ready now, and a {@link Waiter} that can sleep until it may be. Every backend's pipe ends and
 * queues implement it.
 */
public interface Waitable {

    /**
     * Whether a receive would not block now: a message is waiting, or the end of data, or the
     * object is closed (so that using it fails at once).
     *
     * @return {@code true} if ready
     */
    boolean isReady();

    /**
     * The waiter that sleeps on this object. Objects that return the same waiter are slept on
     * together, in one wait; a backend usually has one waiter for all its objects.
     *
     * @return the waiter
     */
    Waiter waiter();
}
