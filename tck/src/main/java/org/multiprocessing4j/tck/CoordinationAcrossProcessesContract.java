package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * Events, semaphores and conditions shared by child JVMs: waiters in several processes and in
 * threads of this one, woken by what another process does; {@link BarrierAcrossProcessesContract}
 * has the barriers.
 */
@Timeout(120)
public abstract class CoordinationAcrossProcessesContract extends ContextContract {

    @TempDir
    Path dir;

    @Test
    void settingAnEventReleasesWaitersInSeveralProcesses() throws Exception {
        ProcessContext mp = context();
        ProcessEvent go = mp.event();
        ProcessSemaphore waiting = mp.semaphore(0);
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String released = dir.resolve("released-" + i).toString();
            children.add(start(() -> {
                waiting.release();
                go.await();
                Files.writeString(Path.of(released), "released");
            }));
        }
        assertThat(waiting.tryAcquire(3, 60, TimeUnit.SECONDS)).isTrue();
        assertThat(go.await(50, TimeUnit.MILLISECONDS)).isFalse();

        go.set();
        joinAll(children);
        for (int i = 0; i < 3; i++) {
            assertThat(dir.resolve("released-" + i)).hasContent("released");
        }
    }

    @Test
    void timedAcquireOfASemaphoreWhosePermitAnotherProcessHoldsReturnsFalseAfterItsTimeout() throws Exception {
        ProcessContext mp = context();
        ProcessSemaphore permit = mp.boundedSemaphore(1);
        ProcessEvent taken = mp.event();
        ProcessEvent giveBack = mp.event();
        ChildProcess holder = start(() -> {
            permit.acquire();
            taken.set();
            giveBack.await();
            permit.release();
        });
        taken.await();

        long begin = System.nanoTime();
        assertThat(permit.tryAcquire(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));

        giveBack.set();
        assertThat(permit.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        joinAll(List.of(holder));
    }

    @Test
    void testEvent_waitsTimeOutUntilTheEventIsSetAndAChildSetsItAgainAfterAClear() throws Exception {
        ProcessContext mp = context();
        ProcessEvent event = mp.event();
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ZERO)).isFalse();
        long begin = System.nanoTime();
        assertThat(event.await(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(100), PATIENCE);

        event.set();
        assertThat(event.isSet()).isTrue();
        event.await();
        assertThat(event.await(100, TimeUnit.MILLISECONDS)).isTrue();

        event.clear();
        ChildProcess setter = start(() -> {
            // long enough that this process is most likely waiting already
            Thread.sleep(100);
            event.set();
        });
        assertThat(event.await(PATIENCE)).isTrue();
        assertExitsCleanly(setter);
    }

    /**
     * CPython's waiters on a condition: each takes the lock, counts itself in {@code sleeping},
     * waits once (at most {@code timeout}, if there is one), counts itself in {@code woken} and
     * lets go of the lock. The semaphores are counters every process sees.
     */
    record Waiters(ProcessReentrantLock lock, ProcessCondition condition, ProcessSemaphore sleeping,
            ProcessSemaphore woken) implements Serializable {

        static Waiters of(ProcessContext mp) {
            ProcessReentrantLock lock = mp.reentrantLock();
            return new Waiters(lock, mp.condition(lock), mp.semaphore(0), mp.semaphore(0));
        }

        void waitOnce(Duration timeout) throws InterruptedException {
            lock.lock();
            try {
                sleeping.release();
                if (timeout == null) {
                    condition.await();
                } else {
                    condition.await(timeout);
                }
                woken.release();
            } finally {
                lock.unlock();
            }
        }

        void signal(int times) {
            lock.lock();
            try {
                for (int i = 0; i < times; i++) {
                    condition.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        void signalAll() {
            lock.lock();
            try {
                condition.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Sends {@code signals} signals, then waits until {@code wokenInAll} waiters have woken, and no more. */
        void signalAndAwaitWoken(int signals, int wokenInAll) throws InterruptedException {
            signal(signals);
            awaitWoken(wokenInAll);
        }

        /** Waits until {@code count} waiters are about to wait, or wait: they hold the lock until they do. */
        void awaitSleeping(int count) throws InterruptedException {
            assertThat(sleeping.tryAcquire(count, PATIENCE)).as("%d waiters waiting", count).isTrue();
        }

        /** Waits until {@code count} waiters wait, and checks that none of them wakes unsignalled. */
        void awaitSleepingAndNoneWoken(int count) throws InterruptedException {
            awaitSleeping(count);
            awaitWoken(0);
        }

        /** Waits until exactly {@code count} waiters have woken, and checks that no more wake soon after. */
        void awaitWoken(int count) throws InterruptedException {
            await().atMost(PATIENCE).until(() -> woken.availablePermits() >= count);
            assertThat(woken.tryAcquire(count + 1, Duration.ofMillis(100))).as("more than %d woken", count).isFalse();
        }

        /** Waits until every waiter has returned normally, and checks that none is left counted. */
        void awaitDone(CompletableFuture<Void> waiting) throws Exception {
            waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(condition.numberWaiting()).isZero();
        }
    }

    /**
     * Has {@code processes} children and as many threads of this process wait on the condition of
     * {@code waiters}, each in turn with each of {@code timeouts} ({@code null}: no timeout).
     *
     * @return what completes when they have all returned normally
     */
    private CompletableFuture<Void> startWaiting(Waiters waiters, int processes, Duration... timeouts) {
        List<Duration> turns = Arrays.asList(timeouts);
        SerializableRunnable waiter = () -> {
            for (Duration timeout : turns) {
                waiters.waitOnce(timeout);
            }
        };
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            ChildProcess child = start(waiter);
            all.add(onNewThread(() -> {
                assertExitsCleanly(child);
                return null;
            }));
            all.add(onNewThread(() -> {
                try {
                    waiter.run();
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    @Test
    void testNotify_eachSignalWakesOneWaiterBeItAThreadHereOrAChild() throws Exception {
        Waiters waiters = Waiters.of(context());
        CompletableFuture<Void> waiting = startWaiting(waiters, 1, (Duration) null);
        waiters.awaitSleepingAndNoneWoken(2);

        waiters.signalAndAwaitWoken(1, 1);
        waiters.signalAndAwaitWoken(1, 2);
        waiters.awaitDone(waiting);
    }

    @Test
    void testNotifyAll_timedWaitersAllTimeOutAndSignalAllWakesEveryWaiterThreadsAndChildrenAlike() throws Exception {
        Waiters waiters = Waiters.of(context());
        // each waits twice: first with a timeout that runs out, then until signalled
        CompletableFuture<Void> waiting = startWaiting(waiters, 3, Duration.ofMillis(100), null);
        waiters.awaitSleeping(6);
        assertThat(waiters.woken().tryAcquire(6, PATIENCE)).as("every timed waiter timed out").isTrue();

        waiters.awaitSleepingAndNoneWoken(6);
        waiters.signalAll();
        waiters.awaitWoken(6);
        waiters.awaitDone(waiting);
    }

    @Test
    void testNotifyN_nSignalsWakeNWaitersAndSignalsWithNobodyWaitingWakeNobodyLater() throws Exception {
        Waiters waiters = Waiters.of(context());
        CompletableFuture<Void> waiting = startWaiting(waiters, 3, (Duration) null);
        waiters.awaitSleepingAndNoneWoken(6);

        // Python's notify(n) is n signals
        waiters.signalAndAwaitWoken(2, 2);
        waiters.signalAndAwaitWoken(4, 6);
        waiters.signalAndAwaitWoken(3, 6);
        waiters.awaitDone(waiting);
    }

    @Test
    void aSignalLeftForAWaiterWhoseProcessWasKilledGoesToTheNextWaiterAndTheConditionWorksOn() throws Exception {
        ProcessContext mp = context();
        ProcessReentrantLock lock = mp.reentrantLock();
        ProcessCondition condition = mp.condition(lock);
        ChildProcess doomed = start(() -> {
            lock.lock();
            condition.await();
        });
        await().atMost(PATIENCE).until(() -> condition.numberWaiting() == 1 && !lock.isLocked());
        doomed.kill();
        joinQuietly(doomed);
        Waiters later = new Waiters(lock, condition, mp.semaphore(0), mp.semaphore(0));
        // the signal goes to the dead waiter, which never takes it; a waiter that comes next
        // lets it be taken for a moment, then takes it: a spurious wake-up
        later.signal(1);
        lock.lock();
        try {
            assertThat(condition.await(PATIENCE)).isTrue();
        } finally {
            lock.unlock();
        }

        CompletableFuture<Void> waiting = startWaiting(later, 1, (Duration) null);
        later.awaitSleeping(2);
        later.signalAll();
        later.awaitWoken(2);
        waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        // the dead waiter stays counted, with the signal sent to it
        assertThat(condition.numberWaiting()).isZero();
    }

    @Test
    void testWaitfor_predicateWaitsOnBothSidesOfAConditionSharedWithAChild() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        ProcessCondition changed = lock.newCondition();
        String stateFile = dir.resolve("state").toString();
        MappedCounter state = MappedCounter.open(stateFile);
        ChildProcess child;
        lock.lock();
        try {
            // the child takes the lock, changes the state and signals once this thread waits; then
            // it waits itself, and must not take back the signal it sent
            child = start(() -> {
                MappedCounter shared = MappedCounter.open(stateFile);
                lock.lock();
                try {
                    shared.increment();
                    changed.signal();
                    if (!changed.waitFor(() -> shared.get() == 5, PATIENCE)) {
                        throw new IllegalStateException("the state stayed at " + shared.get());
                    }
                } finally {
                    lock.unlock();
                }
            });
            // waitFor's loop written out, so that a wait that ends by its timeout fails
            while (state.get() != 1) {
                assertThat(changed.await(PATIENCE)).as("woken by the child's signal").isTrue();
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < 4; i++) {
            lock.lock();
            try {
                state.increment();
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
        assertExitsCleanly(child);
    }

    @Test
    void testWaitforTimeout_aPredicateWaitInAChildGivesUpAfterItsTimeoutThoughSignalledMeanwhile() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        ProcessCondition changed = lock.newCondition();
        String stateFile = dir.resolve("state").toString();
        MappedCounter state = MappedCounter.open(stateFile);
        ProcessSemaphore ready = mp.semaphore(0);
        ProcessQueue<List<Object>> outcome = mp.queue();
        ChildProcess child = start(() -> {
            MappedCounter shared = MappedCounter.open(stateFile);
            ready.release();
            lock.lock();
            try {
                long begin = System.nanoTime();
                boolean reached = changed.waitFor(() -> shared.get() == 4, Duration.ofMillis(100));
                outcome.put(List.of(reached, System.nanoTime() - begin));
            } finally {
                lock.unlock();
            }
        });
        assertThat(ready.tryAcquire(PATIENCE)).isTrue();
        // three changes only: the state never reaches four
        for (int i = 0; i < 3; i++) {
            Thread.sleep(10);
            lock.lock();
            try {
                state.increment();
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
        List<Object> result = outcome.poll(PATIENCE);
        assertThat(result).isNotNull();
        assertThat(result.get(0)).as("the predicate held").isEqualTo(false);
        assertThat(Duration.ofNanos((Long) result.get(1))).isBetween(Duration.ofMillis(100), PATIENCE);
        assertExitsCleanly(child);
    }

    @Test
    void testWaitResult_aTimedWaitIsFalseWhenItTimesOutAndTrueWhenAChildSignals() throws Exception {
        ProcessContext mp = context();
        ProcessReentrantLock lock = mp.reentrantLock();
        ProcessCondition condition = mp.condition(lock);
        lock.lock();
        try {
            assertThat(condition.await(Duration.ZERO)).isFalse();
            assertThat(condition.await(100, TimeUnit.MILLISECONDS)).isFalse();
            // the child can take the lock, and signal, only once this thread waits
            ChildProcess signaller = start(() -> {
                lock.lock();
                try {
                    condition.signal();
                } finally {
                    lock.unlock();
                }
            });
            assertThat(condition.await(PATIENCE)).isTrue();
            assertExitsCleanly(signaller);
        } finally {
            lock.unlock();
        }
    }

    private static void joinAll(List<ChildProcess> children) throws InterruptedException {
        for (ChildProcess child : children) {
            assertThat(child.join(Duration.ofSeconds(60))).as("%s finished", child).isTrue();
            assertThat(child.exitCode()).as("%s: %s", child, child.exception()).isZero();
        }
    }
}
