package org.multiprocessing4j.hazelcast.internal;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * A condition of a cluster lock, its waiters kept in a cluster map as {@link ConditionWaiters}.
 *
 * <p>A waiter takes a ticket in the line while it still holds the lock, so that a signal sent as
 * soon as it lets go finds it; then it gives back all its holds, sleeps until its ticket is
 * signalled, leaves the line and takes the lock again with as many holds. Leaving tells it whether
 * it was signalled, which is what decides a wait that timed out or was interrupted at the moment
 * of a signal: the signal is never lost, it is that waiter's.
 */
final class ClusterCondition implements ProcessCondition, Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "multiprocessing4j.conditions";
    private static final long FOREVER = Long.MAX_VALUE;

    private final transient ClusterRobustLock lock;
    private final transient String id;

    private ClusterCondition(ClusterRobustLock lock, String id) {
        this.lock = lock;
        this.id = id;
    }

    static ClusterCondition create(ClusterRobustLock lock) {
        return new ClusterCondition(lock, UUID.randomUUID().toString());
    }

    private ConditionWaiters waiters() {
        ConditionWaiters waiters = lock.runtime.partitionCalls().get(MAP, id);
        return waiters == null ? ConditionWaiters.NONE : waiters;
    }

    @Override
    public void await() throws InterruptedException {
        await(FOREVER, true);
    }

    @Override
    public void awaitUninterruptibly() {
        try {
            await(FOREVER, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + nanosTimeout;
        await(Math.max(0, nanosTimeout), true);
        return deadline - System.nanoTime();
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return await(Math.max(0, unit.toNanos(time)), true);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long millis = deadline.getTime() - System.currentTimeMillis();
        return await(TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)), true);
    }

    /** Waits for a signal at most {@code nanos}; answers whether one came. */
    private boolean await(long nanos, boolean interruptible) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        String ticket = UUID.randomUUID().toString();
        ConditionChanges.Enqueue enqueue = new ConditionChanges.Enqueue(ticket, lock.runtime.endpoint());
        lock.runtime.partitionCalls().executeOnKey(MAP, id, enqueue);
        int holds = lock.release(true);
        if (holds == 0) {
            leave(ticket, true);
            throw new IllegalMonitorStateException("the current thread does not hold the condition's lock");
        }
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        boolean interrupted = false;
        boolean waited = false;
        boolean signalled;
        try {
            while (true) {
                try {
                    long left = nanos == FOREVER ? FOREVER : deadline - System.nanoTime();
                    ClusterCalls.blocking(
                            () -> lock.runtime.watch(MAP).await(id, () -> waiters().isSignalled(ticket), left));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (interruptible) {
                        break;
                    }
                }
            }
            waited = true;
        } finally {
            // whatever ended the wait, the line is left and the lock taken again, as Condition promises
            signalled = leave(ticket, !waited);
            interrupted |= lock.reacquire(holds);
        }
        if (interrupted && interruptible && !signalled) {
            throw new InterruptedException();
        }
        if (interrupted) {
            // signalled before the interrupt counted: the wait returns, the interrupt is kept
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    /**
     * Takes the waiter of {@code ticket} out of the line; answers whether it had been signalled.
     * A signal that one who will not return normally took ({@code passOn}) goes to the next waiter.
     */
    private boolean leave(String ticket, boolean passOn) {
        boolean signalled = lock.runtime.partitionCalls().executeOnKey(MAP, id, new ConditionChanges.Leave(ticket));
        if (signalled && passOn) {
            lock.runtime.partitionCalls().executeOnKey(MAP, id, new ConditionChanges.Signal(false));
        }
        return signalled;
    }

    @Override
    public void signal() {
        signal(false);
    }

    @Override
    public void signalAll() {
        signal(true);
    }

    private void signal(boolean all) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold the condition's lock");
        }
        lock.runtime.partitionCalls().executeOnKey(MAP, id, new ConditionChanges.Signal(all));
    }

    @Override
    public int numberWaiting() {
        return waiters().numberWaiting();
    }

    @Override
    public String toString() {
        return "ProcessCondition[" + lock + ", waiting=" + numberWaiting() + "]";
    }

    /** Crosses into another process as a handle to the same condition and lock. */
    private Object writeReplace() {
        return new Handle(lock, id);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a condition is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final ClusterRobustLock lock;
        private final String id;

        Handle(ClusterRobustLock lock, String id) {
            this.lock = lock;
            this.id = id;
        }

        @Override
        protected Object bind() {
            return new ClusterCondition(lock, id);
        }
    }
}
