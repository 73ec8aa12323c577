package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.RobustLock;

/** The lock contract among the threads of one process; {@link LockAcrossProcessesContract} crosses processes. */
@Timeout(30)
public abstract class LockContract extends ContextContract {

    /** A kind of lock, made with the context under test. */
    private interface LockFactory extends Function<ProcessContext, RobustLock> {
    }

    static Stream<Named<LockFactory>> locks() {
        return Stream.of(Named.of("ProcessLock", ProcessContext::lock),
                Named.of("ProcessReentrantLock", ProcessContext::reentrantLock));
    }

    @ParameterizedTest
    @MethodSource("locks")
    void threadsIncrementingUnderTheLockLoseNoUpdate(LockFactory factory) throws Exception {
        RobustLock lock = factory.apply(context());
        int[] counter = {0};
        int rounds = streamMessages() / 20;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
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
            assertThat(counter[0]).isEqualTo(4 * rounds);
        } finally {
            lock.unlock();
        }
        assertThat(lock.isLocked()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("locks")
    void unlockByAThreadThatDoesNotHoldTheLockIsRefused(LockFactory factory) throws Exception {
        RobustLock lock = factory.apply(context());
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
        lock.lock();
        CompletableFuture<Throwable> other = onNewThread(() -> {
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
    void tryLockFailsWhileAnotherThreadHoldsTheLockAndTimedTryLockWaitsItsTimeout(LockFactory factory)
            throws Exception {
        RobustLock lock = factory.apply(context());
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
    void lockInterruptiblyGivesUpWhenInterrupted(LockFactory factory) throws Exception {
        RobustLock lock = factory.apply(context());
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

    @ParameterizedTest
    @MethodSource("locks")
    void interruptsWhileAThreadLocksAndUnlocksLoseNoTakeAndNoRelease(LockFactory factory) throws Exception {
        RobustLock lock = factory.apply(context());
        int rounds = streamMessages() / 100;
        CompletableFuture<Integer> locker = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                int interrupted = 0;
                // on until interrupts have come in many rounds: a fast lock may finish before the first
                for (int i = 0; i < rounds || interrupted < 20; i++) {
                    lock.lock();
                    try {
                        if (!lock.isHeldByCurrentThread()) {
                            throw new AssertionError("lock() returned in round " + i + " without the lock");
                        }
                    } finally {
                        lock.unlock();
                    }
                    interrupted += Thread.interrupted() ? 1 : 0;
                }
                locker.complete(interrupted);
            } catch (Throwable t) {
                locker.completeExceptionally(t);
            }
        });
        thread.start();
        // interrupts at every point of the calls, each answer on its way back among them
        while (thread.isAlive()) {
            thread.interrupt();
            Thread.sleep(0, 200_000);
        }
        assertThat(locker.get(10, TimeUnit.SECONDS)).as("rounds that saw an interrupt").isGreaterThanOrEqualTo(20);
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryLock()).isTrue();
        lock.unlock();
    }

    @Test
    void testRlock_aReentrantLockCountsItsHoldsAndRefusesOneReleaseTooMany() {
        ProcessContext mp = context();
        ProcessReentrantLock lock = mp.reentrantLock();
        lock.lock();
        assertThat(lock.isLocked()).isTrue();
        lock.lock();
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.holdCount()).isEqualTo(3);
        lock.unlock();
        assertThat(lock.isLocked()).isTrue();
        lock.unlock();
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.holdCount()).isZero();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void testLock_aHeldLockIsLockedRefusesItsHolderInsteadOfWaitingForEverAndASecondRelease() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        lock.lock();
        assertThat(lock.isLocked()).isTrue();
        assertThat(lock.tryLock()).isFalse();
        assertThat(lock.tryLock(10, TimeUnit.SECONDS)).isFalse();
        assertThatThrownBy(lock::lock).isInstanceOf(IllegalMonitorStateException.class);
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    }

    @ParameterizedTest
    @MethodSource("locks")
    void aSerializedLockIsTheSameLock(LockFactory factory) throws Exception {
        RobustLock lock = factory.apply(context());
        RobustLock copy = roundTrip(lock);
        assertThat(copy).isNotSameAs(lock).hasSameClassAs(lock);
        lock.lock();
        assertThat(copy.isLocked()).isTrue();
        assertThat(copy.isHeldByCurrentThread()).isTrue();
        copy.unlock();
        assertThat(lock.isLocked()).isFalse();
    }
}
