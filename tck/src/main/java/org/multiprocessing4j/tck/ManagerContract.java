package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.ManagedMap;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.ManagerOptions;
import org.multiprocessing4j.Namespace;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.UnserializableObjectException;

/**
 * A manager's proxies used from child JVMs: every kind of shared object, nested proxies, a
 * registered type, exceptions from the server, interrupted calls and locks whose holder dies. One
 * manager serves the whole class.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ManagerContract extends ContextContract {

    private static final int PROCESSES = 8;
    private static final int MERGES = 10_000;

    private Manager manager;

    /** A type of the application's own, registered with the manager. */
    public interface Counter {
        /** @return the count after adding {@code delta} */
        long add(long delta);

        /** @return the count */
        long count();

        /** @return a counter of its own for {@code name}: a proxy, since the return type is registered */
        Counter child(String name);
    }

    /** The server's counters. */
    static final class ServedCounter implements Counter {
        private final Map<String, Counter> children = new java.util.HashMap<>();
        private long count;

        @Override
        public synchronized long add(long delta) {
            if (delta < 0) {
                throw new IllegalArgumentException("negative delta " + delta);
            }
            count += delta;
            return count;
        }

        @Override
        public synchronized long count() {
            return count;
        }

        @Override
        public synchronized Counter child(String name) {
            return children.computeIfAbsent(name, n -> new ServedCounter());
        }
    }

    /** Neither serializable nor meant to be. */
    static final class Opaque {
    }

    @BeforeAll
    void startManager() {
        manager = context().manager(new ManagerOptions().register(Counter.class, ServedCounter::new));
    }

    @AfterAll
    void closeManager() {
        if (manager != null) {
            manager.close();
        }
    }

    /** The manager the class shares. */
    protected final Manager manager() {
        return manager;
    }

    @Test
    void mergesFromEightProcessesEndExact() throws InterruptedException {
        ManagedMap<String, Integer> counts = manager.map();
        int merges = contendedUpdates(MERGES);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            children.add(start(() -> {
                for (int i = 0; i < merges; i++) {
                    counts.merge("n", 1, Integer::sum);
                    counts.merge("k" + (i % 10), 1, Integer::sum);
                }
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);
        assertThat(counts.get("n")).isEqualTo(PROCESSES * merges);
        assertThat(counts).hasSize(11);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * PROCESSES * merges);
        assertThat(counts.compute("n", (key, old) -> old + key.length())).isEqualTo(PROCESSES * merges + 1);
        assertThat(counts.computeIfAbsent("absent", String::length)).isEqualTo(6);
        assertThat(counts.computeIfPresent("absent", (key, old) -> null)).isNull();
        assertThat(counts.toString()).contains("n=" + (PROCESSES * merges + 1));
    }

    @Test
    void listSetAndNamespaceAreSharedWithChildren() {
        List<String> list = manager.list();
        Set<Integer> set = manager.set();
        Namespace namespace = manager.namespace();
        namespace.set("before", 1);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            int n = p;
            children.add(start(() -> {
                list.add("child " + n);
                set.add(n % 2);
                namespace.set("child" + n, namespace.get("before", Integer.class) + n);
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);
        assertThat(list).containsExactlyInAnyOrder("child 0", "child 1", "child 2");
        assertThat(set).containsExactlyInAnyOrder(0, 1);
        assertThat(namespace.names()).containsExactlyInAnyOrder("before", "child0", "child1", "child2");
        assertThat(namespace.get("child2")).isEqualTo(3);
        assertThatThrownBy(() -> list.iterator().remove()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void queueCarriesElementsBetweenChildrenAndJoinableQueueIsJoined() throws InterruptedException {
        ProcessQueue<Integer> queue = manager.queue(4);
        JoinableProcessQueue<Integer> results = manager.joinableQueue();
        ChildProcess consumer = start(() -> {
            int sum = 0;
            for (Integer n = queue.take(); n >= 0; n = queue.take()) {
                sum += n;
            }
            results.put(sum);
        });
        ChildProcess producer = start(() -> {
            for (int i = 1; i <= 100; i++) {
                queue.put(i);
            }
            queue.put(-1);
        });
        assertExitsCleanly(producer);
        assertExitsCleanly(consumer);
        assertThat(results.poll(PATIENCE)).isEqualTo(5050);
        results.taskDone();
        assertThat(results.join(PATIENCE)).isTrue();
    }

    @Test
    void lockGivesMutualExclusionAcrossProcesses() {
        ProcessLock lock = manager.lock();
        ProcessReentrantLock reentrant = manager.reentrantLock();
        ManagedMap<String, Integer> state = manager.map();
        state.put("n", 0);
        int rounds = contendedUpdates(200);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            children.add(start(() -> {
                for (int i = 0; i < rounds; i++) {
                    lock.lock();
                    try {
                        reentrant.lock();
                        reentrant.lock();
                        try {
                            state.put("n", state.get("n") + 1); // a lost update unless excluded
                        } finally {
                            reentrant.unlock();
                            reentrant.unlock();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);
        assertThat(state.get("n")).isEqualTo(4 * rounds);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void conditionEventSemaphoreAndBarrierCoordinateChildren() throws Exception {
        ProcessReentrantLock lock = manager.reentrantLock();
        ProcessCondition changed = manager.condition(lock);
        Namespace flags = manager.namespace();
        ProcessEvent go = manager.event();
        ProcessSemaphore permits = manager.boundedSemaphore(1);
        ProcessBarrier barrier = manager.barrier(3);
        ProcessQueue<String> log = manager.queue();
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int n = p;
            children.add(start(() -> {
                go.await();
                permits.acquire();
                log.put("in " + n);
                log.put("out " + n);
                permits.release();
                barrier.await();
                lock.lock();
                try {
                    flags.set("done" + n, true);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }));
        }
        go.set();
        assertThat(barrier.await(60, TimeUnit.SECONDS)).isBetween(0, 2);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(log.poll(PATIENCE));
        }
        // the semaphore let one child at a time between "in" and "out"
        assertThat(order.get(1)).isEqualTo("out " + order.get(0).substring(3));
        assertThatThrownBy(permits::release).isInstanceOf(RuntimeException.class);
        lock.lock();
        try {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!(flags.has("done0") && flags.has("done1"))) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                changed.await(Duration.ofMillis(100));
            }
        } finally {
            lock.unlock();
        }
        children.forEach(ContextContract::assertExitsCleanly);
    }

    @Test
    void valuesAndArraysAreSharedWithChildren() {
        org.multiprocessing4j.SharedInt count = manager.sharedInt(0);
        org.multiprocessing4j.SharedLong total = manager.sharedLong(0);
        org.multiprocessing4j.SharedDoubleArray squares = manager.sharedDoubleArray(8);
        org.multiprocessing4j.SharedString last = manager.sharedString(16, "none");
        int increments = contendedUpdates(500);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int n = p;
            children.add(start(() -> {
                for (int i = 0; i < increments; i++) {
                    count.incrementAndGet();
                }
                squares.set(2 * n, n * n);
                squares.set(2 * n + 1, -n);
                total.lock().lock();
                try {
                    total.set(total.get() + n); // a lost update unless the value's lock excludes
                } finally {
                    total.lock().unlock();
                }
                last.set("child " + n);
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);
        assertThat(count.get()).isEqualTo(4 * increments);
        assertThat(total.get()).isEqualTo(6);
        assertThat(squares.toArray()).containsExactly(0, 0, 1, -1, 4, -2, 9, -3);
        double[] middle = {7, 7, 7, 7, 7};
        squares.copyTo(2, middle, 1, 3);
        assertThat(middle).containsExactly(7, 1, -1, 4, 7);
        squares.copyFrom(new double[] {5, 6}, 0, 6, 2);
        assertThat(squares.get(7)).isEqualTo(6);
        assertThat(last.get()).startsWith("child ");
        assertThatThrownBy(() -> last.set("a string longer than its capacity"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(squares::asBuffer).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> squares.get(8)).isInstanceOf(IndexOutOfBoundsException.class);
        org.multiprocessing4j.SharedBoolean flag = manager.sharedBoolean(false);
        assertThat(flag.compareAndSet(false, true)).isTrue();
        assertThat(flag.get()).isTrue();
        org.multiprocessing4j.SharedByteArray bytes = manager.sharedByteArray(3);
        bytes.copyFrom(new byte[] {1, 2, 3}, 0, 0, 3);
        byte[] back = new byte[3];
        bytes.copyTo(0, back, 0, 3);
        assertThat(back).containsExactly(1, 2, 3);
        assertThat(manager.sharedDouble(1.5).addAndGet(1)).isEqualTo(2.5);
    }

    @Test
    void proxyStoredInAMapStaysAProxy() {
        ManagedMap<String, List<String>> lists = manager.map();
        lists.put("names", manager.list());
        ChildProcess child = start(() -> lists.get("names").add("from a child"));
        assertExitsCleanly(child);
        assertThat(lists.get("names")).containsExactly("from a child");
        assertThat(lists.get("names")).isEqualTo(lists.get("names"));
    }

    @Test
    void proxySentThroughAQueueWorksInTheChild() throws InterruptedException {
        ProcessQueue<List<String>> handOver = context().queue();
        List<String> list = manager.list();
        ChildProcess child = start(() -> handOver.take().add("through a queue"));
        handOver.put(list);
        assertExitsCleanly(child);
        assertThat(list).containsExactly("through a queue");
    }

    @Test
    void proxyWorksAsAPoolTaskArgumentAndCapture() throws InterruptedException {
        ManagedMap<Integer, Integer> squares = manager.map();
        org.multiprocessing4j.ProcessPool pool = context().pool(2);
        try {
            List<Integer> sizes = pool.map(n -> {
                squares.put(n, n * n);
                return n;
            }, List.of(1, 2, 3, 4));
            assertThat(sizes).containsExactly(1, 2, 3, 4);
            List<Integer> seen = pool.map(map -> map.size(), List.of(squares, squares));
            assertThat(seen).containsExactly(4, 4);
        } finally {
            close(pool);
        }
        assertThat(squares).containsExactlyInAnyOrderEntriesOf(Map.of(1, 1, 2, 4, 3, 9, 4, 16));
    }

    @Test
    void registeredTypeRunsInTheServerAndReturnsProxies() {
        Counter counter = manager.create(Counter.class);
        ChildProcess child = start(() -> {
            counter.add(5);
            counter.child("a").add(2);
        });
        assertExitsCleanly(child);
        assertThat(counter.count()).isEqualTo(5);
        assertThat(counter.child("a").count()).isEqualTo(2);
        assertThat(counter.child("a")).isEqualTo(counter.child("a"));
    }

    @Test
    void serverExceptionIsRethrownWithItsType() {
        Counter counter = manager.create(Counter.class);
        assertThatThrownBy(() -> counter.add(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative delta -1")
                .satisfies(e -> assertThat(e.getStackTrace()).anyMatch(frame -> frame.getClassName()
                        .equals(ServedCounter.class.getName()) && frame.getMethodName().equals("add")));
        ManagedMap<String, Integer> map = manager.map();
        assertThatThrownBy(() -> map.put(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unserializableArgumentFailsInTheCallerAndChangesNothing() {
        ManagedMap<String, Object> map = manager.map();
        assertThatThrownBy(() -> map.put("x", new Opaque())).isInstanceOf(UnserializableObjectException.class)
                .hasMessageContaining(Opaque.class.getName());
        assertThat(map).isEmpty();
        java.util.concurrent.ConcurrentMap<String, Integer> plain = manager.map();
        assertThatThrownBy(() -> plain.merge("x", 1, Integer::sum))
                .isInstanceOf(UnserializableObjectException.class).hasMessageContaining("ManagedMap");
        map.put("y", 1);
        assertThat(map).containsEntry("y", 1);
        assertThat(plain).isEmpty();
    }

    @Test
    void interruptedTakeThrowsAndLosesNothing() throws Exception {
        ProcessQueue<String> queue = manager.queue();
        Thread taker = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            // wherever in take() the interrupt lands, the call must end in InterruptedException
            await().atMost(PATIENCE).until(() -> java.util.Arrays.stream(taker.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("take")));
            taker.interrupt();
        });
        interrupter.start();
        assertThatThrownBy(queue::take).isInstanceOf(InterruptedException.class);
        interrupter.join();
        queue.put("kept");
        assertThat(queue.poll(PATIENCE)).isEqualTo("kept");
    }

    @Test
    void interruptAfterAFailedCallStillReachesTheServer() throws Exception {
        ManagedMap<String, Object> map = manager.map();
        ProcessQueue<String> queue = manager.queue();
        assertThatThrownBy(() -> map.put("x", new Opaque())).isInstanceOf(UnserializableObjectException.class);
        Thread taker = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            await().atMost(PATIENCE).until(() -> java.util.Arrays.stream(taker.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("take")));
            taker.interrupt();
        });
        interrupter.start();
        assertThatThrownBy(queue::take).isInstanceOf(InterruptedException.class);
        interrupter.join();
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void callOfAnInterruptedThreadRunsInterruptedInTheServer() throws InterruptedException {
        ProcessQueue<String> queue = manager.queue();
        ProcessLock lock = manager.lock();
        Thread.currentThread().interrupt();
        assertThatThrownBy(queue::take).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        lock.lock();
        Thread.currentThread().interrupt();
        lock.unlock();
        // a call that does not wait keeps the interrupt for the caller, and the lock is given back whole
        assertThat(Thread.interrupted()).isTrue();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.ownerDied()).isFalse();
        lock.unlock();
        queue.put("kept");
        assertThat(queue.poll(PATIENCE)).isEqualTo("kept");
    }

    @Test
    void closedQueueProxyRefusesPutsOnlyInItsProcess() throws InterruptedException {
        ProcessQueue<String> queue = manager.queue();
        queue.put("before");
        ChildProcess child = start(() -> {
            queue.close();
            try {
                queue.put("after");
            } catch (IllegalStateException expected) {
                if (!"before".equals(queue.take())) {
                    throw new AssertionError("taking was refused or lost");
                }
                return;
            }
            throw new AssertionError("a closed proxy put");
        });
        assertExitsCleanly(child);
        queue.put("from the parent");
        assertThat(queue.poll(PATIENCE)).isEqualTo("from the parent");
    }

    @Test
    void collectionProxiesCompareByContent() {
        List<Integer> list = manager.list();
        list.addAll(List.of(3, 1, 2));
        assertThat(list.equals(List.of(3, 1, 2))).isTrue();
        assertThat(list.hashCode()).isEqualTo(List.of(3, 1, 2).hashCode());
        java.util.ListIterator<Integer> fromOne = list.listIterator(1);
        assertThat(fromOne.nextIndex()).isEqualTo(1);
        assertThat(fromOne.next()).isEqualTo(1);
        assertThat(fromOne.previous()).isEqualTo(1);
        assertThat(fromOne.previous()).isEqualTo(3);
    }

    @Test
    void lockOfAKilledHolderIsTakenOverWithOwnerDied() throws InterruptedException {
        ProcessLock lock = manager.lock();
        ProcessEvent held = manager.event();
        ChildProcess holder = start(() -> {
            lock.lock();
            held.set();
            Thread.sleep(Long.MAX_VALUE);
        });
        assertThat(held.await(PATIENCE)).isTrue();
        assertThat(lock.tryLock()).isFalse();
        holder.kill();
        joinQuietly(holder);
        assertThat(lock.tryLock(PATIENCE)).isTrue();
        try {
            assertThat(lock.ownerDied()).isTrue();
        } finally {
            lock.unlock();
        }
        assertThat(lock.ownerDied()).isFalse();
    }
}
