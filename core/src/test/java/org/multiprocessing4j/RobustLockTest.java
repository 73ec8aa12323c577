package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lock contract within one JVM; {@code *IT} classes check it across processes. */
@Timeout(30)
class RobustLockTest {

    static Stream<Named<Supplier<RobustLock>>> locks() {
        return Stream.of(Named.of("ProcessLock", Multiprocessing::lock),
                Named.of("ProcessReentrantLock", Multiprocessing::reentrantLock));
    }

    @ParameterizedTest
    @MethodSource("locks")
    void threadsIncrementingUnderTheLockLoseNoUpdate(Supplier<RobustLock> factory) throws Exception {
        RobustLock lock = factory.get();
        int[] counter = {0};
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    lock.lock();
                    try {
                        counter[0]++;
                    } finally {
                        lock.unlock();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        lock.lock();
        try {
            assertThat(counter[0]).isEqualTo(200_000);
        } finally {
            lock.unlock();
        }
        assertThat(lock.isLocked()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("locks")
    void unlockByAThreadThatDoesNotHoldTheLockIsRefused(Supplier<RobustLock> factory) throws Exception {
        RobustLock lock = factory.get();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
        lock.lock();
        CompletableFuture<Throwable> other = NewThreads.supply(() -> {
            try {
                lock.unlock();
                return null;
            } catch (IllegalMonitorStateException e) {
                return e;
            }
        });
        assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
    }

    @ParameterizedTest
    @MethodSource("locks")
    void tryLockFailsWhileAnotherThreadHoldsTheLockAndTimedTryLockWaitsItsTimeout(Supplier<RobustLock> factory)
            throws Exception {
        RobustLock lock = factory.get();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        holder.start();
        held.await();

        assertThat(lock.tryLock()).isFalse();
        long begin = System.nanoTime();
        assertThat(lock.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(lock.isLocked()).isTrue();
        assertThat(lock.isHeldByCurrentThread()).isFalse();

        release.countDown();
        assertThat(lock.tryLock(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.ownerDied()).isFalse();
        lock.unlock();
        holder.join();
    }

    @ParameterizedTest
    @MethodSource("locks")
    void lockInterruptiblyGivesUpWhenInterrupted(Supplier<RobustLock> factory) throws Exception {
        RobustLock lock = factory.get();
        lock.lock();
        CompletableFuture<Throwable> waiter = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                lock.lockInterruptibly();
                waiter.complete(null);
            } catch (InterruptedException e) {
                waiter.complete(e);
            }
        });
        thread.start();
        thread.interrupt();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        lock.unlock();
    }

    @Test
    void reentrantLockCountsItsHolds() {
        ProcessReentrantLock lock = Multiprocessing.reentrantLock();
        lock.lock();
        lock.lock();
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.holdCount()).isEqualTo(3);
        lock.unlock();
        lock.unlock();
        assertThat(lock.isLocked()).isTrue();
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.holdCount()).isZero();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void plainLockTakenAgainByItsHolderFailsInsteadOfWaitingForEver() throws Exception {
        ProcessLock lock = Multiprocessing.lock();
        lock.lock();
        assertThat(lock.tryLock()).isFalse();
        assertThat(lock.tryLock(10, TimeUnit.SECONDS)).isFalse();
        assertThatThrownBy(lock::lock).isInstanceOf(IllegalMonitorStateException.class).hasMessageContaining("reentrant");
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("locks")
    void aSerializedLockIsTheSameLock(Supplier<RobustLock> factory) throws Exception {
        RobustLock lock = factory.get();
        RobustLock copy = roundTrip(lock);
        assertThat(copy).isNotSameAs(lock).hasSameClassAs(lock);
        lock.lock();
        assertThat(copy.isLocked()).isTrue();
        assertThat(copy.isHeldByCurrentThread()).isTrue();
        assertThat(copy.toString()).contains("locked by pid " + ProcessHandle.current().pid());
        copy.unlock();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.toString()).endsWith("[unlocked]");
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
