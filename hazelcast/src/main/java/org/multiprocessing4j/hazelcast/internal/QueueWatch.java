package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.collection.ItemEvent;
import com.hazelcast.collection.ItemListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.multiprocessing4j.spi.Waitable;
import org.multiprocessing4j.spi.Waiter;

/**
 * Lets threads of this JVM sleep until an element is added to or taken from one of the cluster
 * queues they watch: the cluster backend's {@link Waiter}, and what the queues' and pipes' waits
 * are made of. A queue is watched from the first wait on it (one item listener, a round trip to
 * register) until {@link #unwatch}; any change of any watched queue wakes every sleeper, which
 * then looks again. As {@link KeyWatch} does, a sleeper
 * reads the count of wake-ups before it looks and sleeps only while it is unchanged, and looks
 * again every second anyway.
 */
final class QueueWatch implements Waiter {

    private static final long LOOK_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What a backend object slept on here has to say. */
    interface Watched extends Waitable {
        /** The cluster queue whose new elements may make it ready. */
        String watchedQueue();
    }

    private final HazelcastInstance cluster;
    private final Map<String, UUID> listeners = new ConcurrentHashMap<>();
    private final Object changes = new Object();
    private long changed;

    QueueWatch(HazelcastInstance cluster) {
        this.cluster = cluster;
    }

    /** Watches {@code queue} from now on, if not already. */
    void watch(String queue) {
        listeners.computeIfAbsent(queue, name -> ClusterCalls.regardless(
                () -> cluster.getQueue(name).addItemListener(new ItemListener<Object>() {
                    @Override
                    public void itemAdded(ItemEvent<Object> item) {
                        wakeUp();
                    }

                    @Override
                    public void itemRemoved(ItemEvent<Object> item) {
                        // room for a sender waiting on a bounded queue
                        wakeUp();
                    }
                }, false)));
    }

    /** Stops watching {@code queue}, whose last user in this JVM is done with it. */
    void unwatch(String queue) {
        UUID listener = listeners.remove(queue);
        if (listener != null) {
            try {
                ClusterCalls.regardless(() -> cluster.getQueue(queue).removeItemListener(listener));
            } catch (RuntimeException e) {
                // the cluster is gone, and the listener with it
            }
        }
    }

    @Override
    public boolean await(List<? extends Waitable> objects, BooleanSupplier ready, long timeoutNanos)
            throws InterruptedException {
        for (Waitable object : objects) {
            watch(((Watched) object).watchedQueue());
        }
        return await(ready, timeoutNanos);
    }

    /**
     * Makes {@code attempt}, a call that does not wait, until it answers something other than
     * {@code null}, sleeping on the changes of {@code queue} between attempts. The attempt must
     * lose no answer to an interrupt of the calling thread, as the calls of {@link PartitionCalls}
     * do: it is made on that thread.
     *
     * @return the answer, or {@code null} if {@code timeoutNanos} passed first
     */
    <T> T until(String queue, Supplier<T> attempt, long timeoutNanos) throws InterruptedException {
        if (!listeners.containsKey(queue)) {
            // a queue that never makes anyone here wait costs no listener, whose events every
            // change of the queue would then send to this JVM
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            T got = attempt.get();
            if (got != null || timeoutNanos == 0) {
                return got;
            }
            // watched from now on: the attempts below come after the listener is in place
            watch(queue);
        }
        List<T> answer = new ArrayList<>(1);
        boolean answered = await(() -> {
            T got = attempt.get();
            return got != null && answer.add(got);
        }, timeoutNanos);
        return answered ? answer.get(0) : null;
    }

    /** Waits until {@code ready} holds or {@code timeoutNanos} have passed; answers whether it held. */
    boolean await(BooleanSupplier ready, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        while (true) {
            long seen;
            synchronized (changes) {
                seen = changed;
            }
            if (ClusterCalls.blocking(ready::getAsBoolean)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (changes) {
                if (changed == seen) {
                    TimeUnit.NANOSECONDS.timedWait(changes, Math.min(left, LOOK_AGAIN_NANOS));
                }
            }
        }
    }

    @Override
    public void wakeUp() {
        synchronized (changes) {
            changed++;
            changes.notifyAll();
        }
    }
}
