package org.multiprocessing4j.hazelcast.internal;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * A lock kept in a cluster map as its {@link LockHolder}, taken and given back by the entry
 * processors of {@link LockChanges}. Hazelcast's own {@code IMap.lock} is reentrant only and its
 * owner is a thread of a cluster endpoint, not of a process of the program, so the library keeps
 * the holder itself. When a process leaves the cluster, even killed, the members
 * {@linkplain LockChanges.Orphan orphan} its locks, and the next taker learns that the owner died.
 * Waiters sleep on the entry until it changes.
 */
abstract class ClusterRobustLock implements RobustLock, Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "multiprocessing4j.locks";

    final transient ClusterRuntime runtime;
    final transient String id;
    private final transient boolean reentrant;

    ClusterRobustLock(ClusterRuntime runtime, String id, boolean reentrant) {
        this.runtime = runtime;
        this.id = id;
        this.reentrant = reentrant;
    }

    static ProcessLock lock(ClusterRuntime runtime) {
        return new Plain(runtime, UUID.randomUUID().toString());
    }

    static ProcessReentrantLock reentrantLock(ClusterRuntime runtime) {
        return new Reentrant(runtime, UUID.randomUUID().toString());
    }

    private LockHolder me(int holds) {
        ProcessPlace place = ProcessPlace.current();
        return new LockHolder(place.id(), runtime.endpoint(), place.pid(), Thread.currentThread().getId(), holds,
                false);
    }

    private boolean attempt() {
        return attempt(1);
    }

    private boolean attempt(int holds) {
        // the taker is this thread: made here, not on the thread that makes the call
        LockChanges.Take take = new LockChanges.Take(me(holds), reentrant);
        LockChanges.Taken taken = runtime.partitionCalls().executeOnKey(MAP, id, take);
        if (taken == LockChanges.Taken.HELD_BY_CALLER) {
            throw new IllegalMonitorStateException("this thread holds the lock already, and it is not reentrant");
        }
        return taken == LockChanges.Taken.TAKEN;
    }

    @Override
    public void lock() {
        if (ClusterCalls.uninterruptibly(() -> take(1))) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        ClusterCalls.blocking(() -> take(1));
    }

    /** Takes the lock with {@code holds} holds, waiting as long as it takes. */
    private boolean take(int holds) throws InterruptedException {
        return attempt(holds) || runtime.watch(MAP).await(id, () -> attempt(holds), Long.MAX_VALUE);
    }

    @Override
    public boolean tryLock() {
        try {
            return attempt();
        } catch (IllegalMonitorStateException e) {
            return false;
        }
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        try {
            return ClusterCalls.blocking(
                    () -> attempt() || runtime.watch(MAP).await(id, this::attempt, unit.toNanos(time)));
        } catch (IllegalMonitorStateException e) {
            // a lock that is not reentrant, held by this thread: no wait would end
            return false;
        }
    }

    @Override
    public void unlock() {
        if (release(false) == 0) {
            throw new IllegalMonitorStateException("the current thread does not hold the lock");
        }
    }

    /** Gives back one hold or all of them; answers how many: none if this thread held none. */
    int release(boolean all) {
        LockChanges.Release release = new LockChanges.Release(ProcessPlace.current().id(),
                Thread.currentThread().getId(), all);
        return runtime.partitionCalls().executeOnKey(MAP, id, release);
    }

    /**
     * Takes the lock again with {@code holds} holds, as a condition's waiter does, however often
     * interrupted meanwhile.
     *
     * @return whether the thread was interrupted meanwhile; its interrupt status is clear
     */
    boolean reacquire(int holds) {
        return ClusterCalls.uninterruptibly(() -> take(holds));
    }

    @Override
    public ProcessCondition newCondition() {
        return ClusterCondition.create(this);
    }

    private LockHolder holder() {
        return runtime.partitionCalls().get(MAP, id);
    }

    @Override
    public boolean ownerDied() {
        LockHolder holder = holder();
        return holder != null && holder.isHeldBy(ProcessPlace.current().id(), Thread.currentThread().getId())
                && holder.ownerDied();
    }

    /** Also while its holder has died and nobody has taken it over. */
    @Override
    public boolean isLocked() {
        return holder() != null;
    }

    @Override
    public boolean isHeldByCurrentThread() {
        LockHolder holder = holder();
        return holder != null && holder.isHeldBy(ProcessPlace.current().id(), Thread.currentThread().getId());
    }

    @Override
    public String toString() {
        LockHolder holder = holder();
        String kind = reentrant ? "ProcessReentrantLock" : "ProcessLock";
        return holder == null ? kind + "[unlocked]"
                : !holder.isHeld() ? kind + "[left by a process that died]"
                : kind + "[held by pid " + holder.pid() + (reentrant ? ", " + holder.holds() + " holds" : "") + "]";
    }

    Object writeReplace() {
        return new Handle(runtime.options().asMap(), id, reentrant);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a lock is deserialized from its handle only");
    }

    /** The lock of {@code ProcessContext.lock()}. */
    static final class Plain extends ClusterRobustLock implements ProcessLock {
        private static final long serialVersionUID = 1L;

        Plain(ClusterRuntime runtime, String id) {
            super(runtime, id, false);
        }
    }

    /** The lock of {@code ProcessContext.reentrantLock()}. */
    static final class Reentrant extends ClusterRobustLock implements ProcessReentrantLock {
        private static final long serialVersionUID = 1L;

        Reentrant(ClusterRuntime runtime, String id) {
            super(runtime, id, true);
        }

        @Override
        public int holdCount() {
            LockHolder holder = runtime.partitionCalls().get(MAP, id);
            return holder != null && holder.isHeldBy(ProcessPlace.current().id(), Thread.currentThread().getId())
                    ? holder.holds() : 0;
        }
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String id;
        private final boolean reentrant;

        Handle(Map<String, String> options, String id, boolean reentrant) {
            this.options = Map.copyOf(options);
            this.id = id;
            this.reentrant = reentrant;
        }

        @Override
        protected Object bind() {
            ClusterRuntime runtime = ClusterRuntime.of(ClusterOptions.of(options));
            return reentrant ? new Reentrant(runtime, id) : new Plain(runtime, id);
        }
    }
}
