package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.function.SerializableRunnable;

/** Locks and semaphores guarding shared memory across child JVMs, and a lock whose holder dies. */
@Timeout(120)
public abstract class LockAcrossProcessesContract extends ContextContract {

    private static final int PROCESSES = 4;

    @TempDir
    Path dir;

    /** How a process enters and leaves the critical section: one per kind of lock. */
    record Guard(SerializableRunnable enter, SerializableRunnable exit, String... jvmOptions) implements Serializable {
    }

    /** One kind of guard a test may use, made with the context under test. */
    private interface GuardFactory extends Function<ProcessContext, Guard> {
    }

    static Stream<Named<GuardFactory>> guards() {
        return Stream.of(
                Named.of("lock", mp -> {
                    ProcessLock lock = mp.lock();
                    return new Guard(lock::lock, lock::unlock);
                }),
                Named.of("reentrant lock, taken twice", mp -> {
                    ProcessReentrantLock reentrant = mp.reentrantLock();
                    return new Guard(() -> {
                        reentrant.lock();
                        reentrant.lock();
                    }, () -> {
                        reentrant.unlock();
                        reentrant.unlock();
                    });
                }),
                Named.of("semaphore(1)", mp -> {
                    ProcessSemaphore semaphore = mp.semaphore(1);
                    return new Guard(semaphore::acquire, semaphore::release);
                }),
                Named.of("bounded semaphore(1)", mp -> {
                    ProcessSemaphore bounded = mp.boundedSemaphore(1);
                    return new Guard(bounded::acquire, bounded::release);
                }),
                Named.of("lock, in children with JVM options of their own", mp -> {
                    ProcessLock lock = mp.lock();
                    return new Guard(lock::lock, lock::unlock, "-Xss1m");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guards")
    void fourProcessesIncrementingUnderTheGuardEndWithEveryIncrementCounted(GuardFactory factory) throws Exception {
        ProcessContext mp = context();
        Guard guard = factory.apply(mp);
        String counterFile = dir.resolve("counter").toString();
        int increments = contendedUpdates(100_000);
        // all start counting together, so that they contend
        ProcessBarrier start = mp.barrier(PROCESSES);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            ChildProcess child = mp.process(() -> {
                MappedCounter counter = MappedCounter.open(counterFile);
                start.await();
                for (int i = 0; i < increments; i++) {
                    guard.enter().run();
                    try {
                        counter.increment();
                    } finally {
                        guard.exit().run();
                    }
                }
            }).jvmOptions(guard.jvmOptions());
            children.add(child);
            child.start();
        }
        for (ChildProcess child : children) {
            child.join();
            assertThat(child.exitCode()).as("%s: %s", child, child.exception()).isZero();
        }
        assertThat(MappedCounter.open(counterFile).get()).isEqualTo(PROCESSES * increments);
    }

    @Test
    void timedTryLockOnALockHeldByAnotherProcessReturnsFalseAfterItsTimeout() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        ProcessEvent held = mp.event();
        ProcessEvent release = mp.event();
        ChildProcess holder = mp.process(() -> {
            lock.lock();
            held.set();
            release.await();
            lock.unlock();
        });
        holder.start();
        held.await();

        assertThat(lock.tryLock()).isFalse();
        long begin = System.nanoTime();
        assertThat(lock.tryLock(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));

        release.set();
        assertThat(lock.tryLock(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.ownerDied()).isFalse();
        lock.unlock();
        holder.join();
        assertThat(holder.exitCode()).isZero();
    }

    @Test
    void testLockLocked2processes_aLockTakenInAChildIsLockedThereAndHere() throws Exception {
        assertLockedInTheChildThatTakesItAndHere(context().lock());
    }

    @Test
    void testRlockLocked2processes_aReentrantLockTakenInAChildIsLockedThereAndHere() throws Exception {
        assertLockedInTheChildThatTakesItAndHere(context().reentrantLock());
    }

    private void assertLockedInTheChildThatTakesItAndHere(RobustLock lock) throws InterruptedException {
        ProcessQueue<Boolean> seenInTheChild = context().queue();
        ChildProcess holder = start(() -> {
            lock.lock();
            seenInTheChild.put(lock.isLocked());
        });
        assertThat(seenInTheChild.poll(PATIENCE)).isTrue();
        assertThat(lock.isLocked()).isTrue();
        assertExitsCleanly(holder);
    }

    @Test
    void testReprLock_toStringSaysWhetherTheLockIsHeldAndByWhichProcess() throws Exception {
        assertToStringNamesTheHoldingProcess(context().lock());
    }

    @Test
    void testReprRlock_toStringSaysWhetherTheReentrantLockIsHeldAndByWhichProcess() throws Exception {
        assertToStringNamesTheHoldingProcess(context().reentrantLock());
    }

    private void assertToStringNamesTheHoldingProcess(RobustLock lock) throws InterruptedException {
        ProcessContext mp = context();
        assertThat(lock.toString()).contains("unlocked");
        lock.lock();
        try {
            assertThat(lock.toString()).doesNotContain("unlocked").contains(String.valueOf(mp.currentProcess().pid()));
        } finally {
            lock.unlock();
        }
        ProcessEvent held = mp.event();
        ProcessEvent release = mp.event();
        ChildProcess holder = start(() -> {
            lock.lock();
            held.set();
            release.await();
            lock.unlock();
        });
        assertThat(held.await(PATIENCE)).isTrue();
        assertThat(lock.toString()).doesNotContain("unlocked").contains(String.valueOf(holder.pid()));
        release.set();
        assertExitsCleanly(holder);
        assertThat(lock.toString()).contains("unlocked");
    }

    @Test
    void aProcessWaitingForALockWhoseHolderIsKilledGetsItAndLearnsTheOwnerDied() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        ChildProcess holder = startHolder(lock::lock);
        Path report = dir.resolve("waiter");
        String reportFile = report.toString();
        ProcessEvent waiting = mp.event();
        ChildProcess waiter = mp.process(() -> {
            waiting.set();
            lock.lock();
            try {
                Files.writeString(Path.of(reportFile), "ownerDied=" + lock.ownerDied());
            } finally {
                lock.unlock();
            }
        });
        waiter.start();
        waiting.await();

        holder.kill();
        holder.join();
        await().atMost(holderDeathNoticedWithin()).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(report));
        waiter.join();
        assertThat(waiter.exitCode()).isZero();
        assertThat(report).hasContent("ownerDied=true");
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void aReentrantLockHeldTwiceByAKilledProcessIsTakenOverOnceAndFlagged() throws Exception {
        ProcessContext mp = context();
        ProcessReentrantLock lock = mp.reentrantLock();
        ChildProcess holder = startHolder(() -> {
            lock.lock();
            lock.lock();
        });
        assertThat(lock.tryLock()).isFalse();

        holder.kill();
        holder.join();
        assertThat(lock.tryLock(holderDeathNoticedWithin().toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        assertThat(lock.ownerDied()).isTrue();
        assertThat(lock.holdCount()).isEqualTo(1);
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();

        lock.lock();
        assertThat(lock.ownerDied()).isFalse();
        lock.unlock();
    }

    @Test
    void aLockLeftHeldByAProcessThatExitedIsRecoveredByTryLock() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        ChildProcess holder = mp.process(lock::lock);
        holder.start();
        holder.join();
        assertThat(holder.exitCode()).isZero();
        assertThat(lock.isLocked()).isTrue();
        // join returns once the target has ended; the JVM takes a moment more to exit
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(holder.pid()).isEmpty());

        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.ownerDied()).isTrue();
        lock.unlock();
    }

    /** Starts a child that takes a lock with {@code take} and keeps it until killed; returns once it holds it. */
    private ChildProcess startHolder(SerializableRunnable take) throws InterruptedException {
        ProcessContext mp = context();
        ProcessEvent held = mp.event();
        ChildProcess holder = mp.process(() -> {
            take.run();
            held.set();
            Thread.sleep(600_000);
        });
        holder.start();
        held.await();
        return holder;
    }
}
