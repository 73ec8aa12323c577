package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * A cyclic barrier kept in a cluster map as its {@link BarrierState}, changed only by the entry
 * processors of {@link BarrierChanges}.
 *
 * <p>The party whose arrival completes a generation claims the trip: it runs the action in its
 * own process while nothing else may change the barrier, then starts the next generation. Waiters
 * sleep until the entry changes and look again; one whose generation has moved on learns from the
 * state's reset bits whether it tripped or was reset. If the tripping process leaves the cluster,
 * the members break the barrier, so that no waiter waits for a trip that will never come.
 */
final class ClusterBarrier implements ProcessBarrier, Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "multiprocessing4j.barriers";
    private static final long FOREVER = Long.MAX_VALUE;

    private final transient ClusterRuntime runtime;
    private final transient String id;
    private final transient int parties;
    private final transient SerializableRunnable action;

    private ClusterBarrier(ClusterRuntime runtime, String id, int parties, SerializableRunnable action) {
        this.runtime = runtime;
        this.id = id;
        this.parties = parties;
        this.action = action;
    }

    static ClusterBarrier create(ClusterRuntime runtime, int parties, SerializableRunnable action) {
        BarrierState state = BarrierState.of(parties);
        ClusterBarrier barrier = new ClusterBarrier(runtime, UUID.randomUUID().toString(), parties, action);
        barrier.map().set(barrier.id, state);
        return barrier;
    }

    private IMap<String, BarrierState> map() {
        return runtime.instance().getMap(MAP);
    }

    private BarrierState state() {
        return runtime.partitionCalls().get(MAP, id);
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return await(FOREVER);
        } catch (TimeoutException e) {
            throw new AssertionError("a wait without a timeout timed out", e);
        }
    }

    @Override
    public int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException,
            TimeoutException {
        return await(Math.max(0, unit.toNanos(timeout)));
    }

    private int await(long timeoutNanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        if (Thread.interrupted()) {
            abort();
            throw new InterruptedException();
        }
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        while (true) {
            BarrierChanges.Arrive arrive = new BarrierChanges.Arrive(runtime.endpoint());
            BarrierChanges.Arrival arrival = runtime.partitionCalls().executeOnKey(MAP, id, arrive);
            switch (arrival.outcome()) {
                case BROKEN -> throw new BrokenBarrierException();
                case TRIP -> {
                    return trip(arrival.generation());
                }
                case WAIT -> {
                    return awaitTrip(arrival.generation(), arrival.index(), timeoutNanos, deadline);
                }
                default -> awaitChangeUninterruptibly(arrival.seen());
            }
        }
    }

    private int trip(long generation) throws BrokenBarrierException {
        Throwable failure = null;
        try {
            if (action != null) {
                action.run();
            }
        } catch (Throwable e) {
            failure = e;
        }
        boolean failed = failure != null;
        boolean tripped = runtime.partitionCalls().executeOnKey(MAP, id, new BarrierChanges.Trip(generation, failed));
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null || !tripped) {
            BrokenBarrierException broken = new BrokenBarrierException(
                    failure != null ? "the barrier action failed: " + failure : "the barrier was broken meanwhile");
            broken.initCause(failure);
            throw broken;
        }
        return 0;
    }

    private int awaitTrip(long generation, int index, long timeoutNanos, long deadline)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        InterruptedException interrupted = null;
        boolean timedOut = false;
        while (true) {
            BarrierState state = state();
            if (state.generation() != generation) {
                if (interrupted != null) {
                    // the barrier tripped anyway: the interrupt is kept for later, as CyclicBarrier does
                    Thread.currentThread().interrupt();
                }
                if (state.endedInReset(generation)) {
                    throw new BrokenBarrierException();
                }
                return index;
            }
            if (state.broken()) {
                if (interrupted != null) {
                    // broken by another: the interrupt is kept for later, as CyclicBarrier does
                    Thread.currentThread().interrupt();
                }
                throw new BrokenBarrierException();
            }
            if (interrupted != null || timedOut) {
                BarrierChanges.Outcome outcome = runtime.partitionCalls().executeOnKey(MAP, id,
                        new BarrierChanges.Break(generation));
                if (outcome == BarrierChanges.Outcome.BUSY) {
                    // the trip is under way: it wins over giving up
                    awaitChangeUninterruptibly(state);
                } else if (outcome == BarrierChanges.Outcome.DONE) {
                    if (interrupted != null) {
                        throw interrupted;
                    }
                    throw new TimeoutException();
                }
                continue;
            }
            long left = timeoutNanos == FOREVER ? FOREVER : deadline - System.nanoTime();
            if (left <= 0) {
                timedOut = true;
                continue;
            }
            try {
                ClusterCalls.blocking(() -> runtime.watch(MAP).await(id, () -> !state().equals(state), left));
            } catch (InterruptedException e) {
                interrupted = e;
            }
        }
    }

    /** Waits until the state is no longer {@code seen}; an interrupt meanwhile is kept for later. */
    private void awaitChangeUninterruptibly(BarrierState seen) {
        if (ClusterCalls.uninterruptibly(() -> runtime.watch(MAP).await(id, () -> !state().equals(seen), FOREVER))) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public int numberWaiting() {
        return state().numberWaiting();
    }

    @Override
    public boolean isBroken() {
        return state().broken();
    }

    @Override
    public void reset() {
        change(new BarrierChanges.Reset());
    }

    @Override
    public void abort() {
        change(new BarrierChanges.Break(-1));
    }

    /** Applies {@code change}, after the trip under way if there is one. */
    private void change(EntryProcessor<String, BarrierState, BarrierChanges.Outcome> change) {
        while (true) {
            BarrierState seen = state();
            if (runtime.partitionCalls().executeOnKey(MAP, id, change) != BarrierChanges.Outcome.BUSY) {
                return;
            }
            awaitChangeUninterruptibly(seen);
        }
    }

    @Override
    public String toString() {
        return "ProcessBarrier[parties=" + parties + ", waiting=" + numberWaiting()
                + (isBroken() ? ", broken" : "") + "]";
    }

    /** Crosses into another process as a handle to the same barrier, with its action. */
    private Object writeReplace() {
        return new Handle(runtime.options().asMap(), id, parties, action);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a barrier is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String id;
        private final int parties;
        private final SerializableRunnable action;

        Handle(Map<String, String> options, String id, int parties, SerializableRunnable action) {
            this.options = Map.copyOf(options);
            this.id = id;
            this.parties = parties;
            this.action = action;
        }

        @Override
        protected Object bind() {
            return new ClusterBarrier(ClusterRuntime.of(ClusterOptions.of(options)), id, parties, action);
        }
    }
}
