package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The takes that wait on a member for this JVM's pipe receivers: at most one per end, a
 * {@code poll} with a timeout parked there ({@link PartitionCalls#poll}) whose answer no interrupt
 * drops, shared by the receivers here that wait on the end. A parked take answers as soon as an
 * element arrives, as Hazelcast's own {@code take} does, where a {@code poll} made again on each
 * change of the queue costs a round trip more per message.
 *
 * <p>Its waiters may be interrupted, the take not. An element it brings when nobody here waits
 * any more goes back to the queue at once if another process holds the end, so that it does not
 * wait here for this one; if this process is the end's only holder it is kept, in order, for the
 * next receive here. Whatever is kept goes back when the last copy of the end here is closed
 * ({@link #release}) or this JVM leaves the cluster ({@link #releaseAll}). Given back, an element
 * is behind what was sent meanwhile. A waiter claims the element by removing the take; one that
 * loses the claim to another waits again.
 */
final class ParkedTakes {

    /** How long a take stays parked before the receiver looks whether the sender is gone. */
    private static final long PARK_MILLIS = 1_000;
    /** How long an element given back waits for room in a queue its senders filled meanwhile. */
    private static final long GIVE_BACK_SECONDS = 30;

    private final HazelcastInstance cluster;
    private final PartitionCalls calls;
    private final QueueWatch watch;
    /** The take of each end's queue, by the end's key. */
    private final Map<String, Take> takes = new ConcurrentHashMap<>();

    /** A take parked for one end, and how many receivers here wait for it. */
    private static final class Take {
        final CompletableFuture<byte[]> answer;
        /** Born with the receiver that parks it, so that an answer that comes at once is never unclaimed. */
        final AtomicInteger waiters = new AtomicInteger(1);

        Take(CompletableFuture<byte[]> answer) {
            this.answer = answer;
        }

        /** The element it brought, or {@code null} if it has not come back with one (yet). */
        byte[] brought() {
            return answer.isDone() && !answer.isCompletedExceptionally() ? answer.join() : null;
        }
    }

    /** @param watch woken when a take brings an element */
    ParkedTakes(HazelcastInstance cluster, PartitionCalls calls, QueueWatch watch) {
        this.cluster = cluster;
        this.calls = calls;
        this.watch = watch;
    }

    /**
     * The next element sent to the end of {@code key}, taken for this caller.
     *
     * @return the element, or {@code null} if none came in a second or another receiver here
     *         claimed it: the caller looks whether the sender is gone and asks again
     * @throws InterruptedException if interrupted before or while waiting
     */
    byte[] next(String key) throws InterruptedException {
        if (Thread.interrupted()) {
            // before any take is parked for nobody
            throw new InterruptedException();
        }
        Take take = takes.compute(key, (any, parked) -> {
            if (parked == null) {
                return park(key);
            }
            parked.waiters.incrementAndGet();
            return parked;
        });
        byte[] element;
        try {
            element = take.answer.get();
        } catch (ExecutionException e) {
            takes.remove(key, take);
            if (ClusterCalls.retryable(e.getCause())) {
                // the member left before it answered: the next take goes to the one taking over
                return null;
            }
            throw ClusterCalls.unwrapped(e.getCause());
        } finally {
            take.waiters.decrementAndGet();
        }
        return takes.remove(key, take) ? element : null;
    }

    private Take park(String key) {
        Take take = new Take(calls.poll(PipeLayout.queue(key), PARK_MILLIS));
        take.answer.thenAccept(element -> {
            if (element != null) {
                // for a wait until the pipe is ready, which the queue's change may have woken too soon
                watch.wakeUp();
                if (take.waiters.get() == 0) {
                    ClusterCalls.started(() -> unclaimed(key, take));
                }
            }
        });
        return take;
    }

    /** An element that came when nobody here waited: back to the queue, if another process may want it. */
    private Void unclaimed(String key, Take take) {
        if (take.waiters.get() == 0 && heldElsewhere(key) && takes.remove(key, take)) {
            giveBack(key, take.brought());
        }
        return null;
    }

    private boolean heldElsewhere(String key) {
        IMap<String, EndHolders> holders = cluster.getMap(PipeLayout.HOLDERS);
        EndHolders end = holders.get(key);
        String me = ProcessPlace.current().id();
        return end != null && end.holders().stream().anyMatch(holder -> !holder.id().equals(me));
    }

    /** Whether a take brought an element for the end of {@code key} that no receiver here has claimed. */
    boolean holds(String key) {
        Take take = takes.get(key);
        return take != null && take.brought() != null;
    }

    /**
     * Gives up the take for the end of {@code key}, on which nobody here receives any more: its
     * element, now or once it arrives, goes back to the queue if a process still holds the end.
     */
    void release(String key) {
        Take take = takes.remove(key);
        if (take != null) {
            take.answer.thenAccept(element -> {
                if (element != null) {
                    ClusterCalls.started(() -> {
                        if (cluster.getMap(PipeLayout.HOLDERS).containsKey(key)) {
                            giveBack(key, element);
                        }
                        return null;
                    });
                }
            });
        }
    }

    /**
     * Gives back what the takes hold as this JVM leaves the cluster. A take still parked stays for
     * its receiver, if any; the member cancels it when this JVM disconnects.
     */
    void releaseAll() {
        takes.forEach((key, take) -> {
            byte[] element = take.brought();
            if (element != null && takes.remove(key, take)) {
                giveBack(key, element);
            }
        });
    }

    /** Offers {@code element} back, waiting for room as long as a sender may be slow to leave some. */
    private void giveBack(String key, byte[] element) {
        try {
            ClusterCalls.started(() -> cluster.<byte[]>getQueue(PipeLayout.queue(key))
                    .offer(element, GIVE_BACK_SECONDS, TimeUnit.SECONDS)).join();
        } catch (RuntimeException e) {
            // the cluster is gone, and the queue with it
        }
    }
}
