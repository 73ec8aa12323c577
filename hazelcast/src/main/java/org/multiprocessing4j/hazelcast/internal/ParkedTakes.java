package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The takes that wait on a member for this JVM's pipe receivers: at most one per end, a
 * {@code poll} with a timeout parked there ({@link QueueCalls#poll}) whose answer no interrupt
 * drops, shared by the receivers here that wait on the end. A parked take answers as soon as an
 * element arrives, as Hazelcast's own {@code take} does, where a {@code poll} made again on each
 * change of the queue costs a round trip more per message.
 *
 * <p>Its waiters may be interrupted, the take not: an element it brings when nobody waits any more
 * is kept, in order, for the next receiver in this JVM, and given back to the queue when the last
 * copy of the end here is closed ({@link #release}) or this JVM leaves the cluster. A waiter claims
 * the element by removing the take; one that loses the claim to another waits again.
 */
final class ParkedTakes {

    /** How long a take stays parked before the receiver looks whether the sender is gone. */
    private static final long PARK_MILLIS = 1_000;
    /** How long an element given back waits for room in a queue its senders filled meanwhile. */
    private static final long GIVE_BACK_SECONDS = 30;

    private final HazelcastInstance cluster;
    private final QueueCalls calls;
    private final QueueWatch watch;
    /** The take of each end's queue, by the end's key. */
    private final Map<String, CompletableFuture<byte[]>> takes = new ConcurrentHashMap<>();

    /** @param watch woken when a take comes back */
    ParkedTakes(HazelcastInstance cluster, QueueCalls calls, QueueWatch watch) {
        this.cluster = cluster;
        this.calls = calls;
        this.watch = watch;
    }

    /** The calls the takes are made with. */
    QueueCalls calls() {
        return calls;
    }

    /**
     * The next element sent to the end of {@code key}, taken for this caller.
     *
     * @return the element, or {@code null} if none came in a second or another receiver here
     *         claimed it: the caller looks whether the sender is gone and asks again
     * @throws InterruptedException if interrupted while waiting; an element taken meanwhile is
     *         kept for the next receiver
     */
    byte[] next(String key) throws InterruptedException {
        CompletableFuture<byte[]> take = takes.computeIfAbsent(key, this::park);
        byte[] element;
        try {
            element = take.get();
        } catch (ExecutionException e) {
            takes.remove(key, take);
            Throwable failure = e.getCause();
            if (ClusterCalls.retryable(failure)) {
                // the member left before it answered: the next take goes to the one taking over
                return null;
            }
            if (failure instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        return takes.remove(key, take) ? element : null;
    }

    private CompletableFuture<byte[]> park(String key) {
        CompletableFuture<byte[]> take = calls.poll(PipeLayout.queue(key), PARK_MILLIS);
        // for a wait until the pipe is ready, whose sleep the queue's change may have ended too soon
        take.thenRun(watch::wakeUp);
        return take;
    }

    /** Whether a take brought an element for the end of {@code key} that no receiver here has claimed. */
    boolean holds(String key) {
        return brought(takes.get(key)) != null;
    }

    /** The element {@code take} brought, or {@code null} if it has not come back with one (yet). */
    private static byte[] brought(CompletableFuture<byte[]> take) {
        return take != null && take.isDone() && !take.isCompletedExceptionally() ? take.join() : null;
    }

    /**
     * Gives up the take for the end of {@code key}, on which nobody here receives any more: its
     * element, now or once it arrives, goes back to the queue if a process still holds the end.
     */
    void release(String key) {
        CompletableFuture<byte[]> take = takes.remove(key);
        if (take == null) {
            return;
        }
        if (take.isDone()) {
            giveBack(key, brought(take));
            return;
        }
        ClusterCalls.started(() -> {
            try {
                byte[] element = take.get();
                if (element != null && cluster.getMap(PipeLayout.HOLDERS).containsKey(key)) {
                    giveBack(key, element);
                }
            } catch (ExecutionException | RuntimeException e) {
                // nothing was taken, or the cluster is gone and the queue with it
            }
            return null;
        });
    }

    /** Gives back what the takes hold as this JVM leaves the cluster; a take still parked ends with it. */
    void releaseAll() {
        for (String key : List.copyOf(takes.keySet())) {
            giveBack(key, brought(takes.remove(key)));
        }
    }

    /** Offers {@code element} back, waiting for room as long as a sender may be slow to leave some. */
    private void giveBack(String key, byte[] element) {
        if (element == null) {
            return;
        }
        try {
            ClusterCalls.started(() -> cluster.<byte[]>getQueue(PipeLayout.queue(key))
                    .offer(element, GIVE_BACK_SECONDS, TimeUnit.SECONDS)).join();
        } catch (RuntimeException e) {
            // the cluster is gone, and the queue with it
        }
    }
}
