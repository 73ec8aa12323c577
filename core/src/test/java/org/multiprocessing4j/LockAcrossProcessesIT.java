package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.function.SerializableRunnable;

/** Locks and semaphores guarding shared memory across child JVMs, and a lock whose holder dies. */
@Timeout(120)
class LockAcrossProcessesIT {

    private static final int PROCESSES = 4;
    private static final int INCREMENTS = 100_000;

    @TempDir
    Path dir;

    /** How a process enters and leaves the critical section: one per kind of lock. */
    record Guard(SerializableRunnable enter, SerializableRunnable exit, String... jvmOptions) implements Serializable {
    }

    static Stream<Named<Guard>> guards() {
        ProcessLock lock = Multiprocessing.lock();
        ProcessReentrantLock reentrant = Multiprocessing.reentrantLock();
        ProcessSemaphore semaphore = Multiprocessing.semaphore(1);
        ProcessSemaphore bounded = Multiprocessing.boundedSemaphore(1);
        ProcessLock napping = Multiprocessing.lock();
        return Stream.of(
                Named.of("lock", new Guard(lock::lock, lock::unlock)),
                Named.of("reentrant lock, taken twice", new Guard(() -> {
                    reentrant.lock();
                    reentrant.lock();
                }, () -> {
                    reentrant.unlock();
                    reentrant.unlock();
                })),
                Named.of("semaphore(1)", new Guard(semaphore::acquire, semaphore::release)),
                Named.of("bounded semaphore(1)", new Guard(bounded::acquire, bounded::release)),
                Named.of("lock, waiters napping without futex",
                        new Guard(napping::lock, napping::unlock, "-Dmultiprocessing4j.futex=false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guards")
    void fourProcessesIncrementingUnderTheGuardEndAtExactlyFourHundredThousand(Guard guard) throws Exception {
        String counterFile = dir.resolve("counter").toString();
        // all start counting together, so that they contend
        ProcessBarrier start = Multiprocessing.barrier(PROCESSES);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            ChildProcess child = Multiprocessing.process(() -> {
                MappedCounter counter = MappedCounter.open(counterFile);
                start.await();
                for (int i = 0; i < INCREMENTS; i++) {
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
        assertThat(MappedCounter.open(counterFile).get()).isEqualTo(PROCESSES * INCREMENTS);
    }

    @Test
    void timedTryLockOnALockHeldByAnotherProcessReturnsFalseAfterItsTimeout() throws Exception {
        ProcessLock lock = Multiprocessing.lock();
        ProcessEvent held = Multiprocessing.event();
        ProcessEvent release = Multiprocessing.event();
        ChildProcess holder = Multiprocessing.process(() -> {
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
    void aProcessWaitingForALockWhoseHolderIsKilledGetsItWithinASecondAndLearnsTheOwnerDied() throws Exception {
        ProcessLock lock = Multiprocessing.lock();
        ChildProcess holder = startHolder(lock::lock);
        Path report = dir.resolve("waiter");
        String reportFile = report.toString();
        ProcessEvent waiting = Multiprocessing.event();
        ChildProcess waiter = Multiprocessing.process(() -> {
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
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(report));
        waiter.join();
        assertThat(waiter.exitCode()).isZero();
        assertThat(report).hasContent("ownerDied=true");
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void aReentrantLockHeldTwiceByAKilledProcessIsTakenOverOnceAndFlagged() throws Exception {
        ProcessReentrantLock lock = Multiprocessing.reentrantLock();
        ChildProcess holder = startHolder(() -> {
            lock.lock();
            lock.lock();
        });
        assertThat(lock.tryLock()).isFalse();

        holder.kill();
        holder.join();
        assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
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
        ProcessLock lock = Multiprocessing.lock();
        ChildProcess holder = Multiprocessing.process(lock::lock);
        holder.start();
        holder.join();
        assertThat(holder.exitCode()).isZero();
        assertThat(lock.isLocked()).isTrue();
        assertThat(lock.toString()).contains("locked by pid " + holder.pid());
        // join returns once the target has ended; the JVM takes a moment more to exit
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(holder.pid()).isEmpty());

        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.ownerDied()).isTrue();
        lock.unlock();
    }

    /** Starts a child that takes a lock with {@code take} and keeps it until killed; returns once it holds it. */
    private static ChildProcess startHolder(SerializableRunnable take) throws InterruptedException {
        ProcessEvent held = Multiprocessing.event();
        ChildProcess holder = Multiprocessing.process(() -> {
            take.run();
            held.set();
            Thread.sleep(600_000);
        });
        holder.start();
        held.await();
        return holder;
    }
}
