package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessReentrantLock;

/** A condition's contract among the threads of one process: signals, timeouts, interrupts, {@code waitFor}. */
@Timeout(30)
public abstract class ConditionContract extends ContextContract {

    private ProcessReentrantLock lock;
    private ProcessCondition condition;

    @BeforeEach
    void makeALockAndItsCondition() {
        lock = context().reentrantLock();
        condition = context().condition(lock);
    }

    @Test
    void signalWakesAWaiterAndSignalAllWakesTheRest() throws Exception {
        AtomicInteger woken = new AtomicInteger();
        Thread[] waiters = new Thread[3];
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = new Thread(() -> {
                lock.lock();
                try {
                    condition.awaitUninterruptibly();
                    woken.incrementAndGet();
                } finally {
                    lock.unlock();
                }
            });
            waiters[i].start();
        }
        awaitWaiters(3);

        signal(condition::signal);
        await().atMost(Duration.ofSeconds(10)).until(() -> woken.get() == 1);
        signal(condition::signalAll);
        for (Thread waiter : waiters) {
            waiter.join();
        }
        assertThat(woken).hasValue(3);
    }

    @Test
    void aSignalWakesAThreadThatWasWaitingNotTheSignallerWaitingRightAfter() throws Exception {
        CompletableFuture<Boolean> earlier = signalledOnNewThread();
        awaitWaiters(1);
        lock.lock();
        try {
            condition.signal();
            // the signal is the earlier waiter's: this thread, waiting after it was sent, times out
            assertThat(condition.await(100, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            lock.unlock();
        }
        assertThat(earlier.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitingOrSignallingWithoutTheLockIsRefused() {
        assertThatThrownBy(condition::await).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(condition::signal).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(condition::signalAll).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void testTimeout_aTimedWaitWithoutSignalReturnsFalseAfterItsTimeoutHoldingTheLockAsOftenAsBefore()
            throws Exception {
        lock.lock();
        lock.lock();
        try {
            long begin = System.nanoTime();
            assertThat(condition.await(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(50), PATIENCE);
            assertThat(condition.awaitNanos(TimeUnit.MILLISECONDS.toNanos(20))).isLessThanOrEqualTo(0);
            assertThat(lock.holdCount()).isEqualTo(2);
        } finally {
            lock.unlock();
            lock.unlock();
        }
    }

    @Test
    void waitForReturnsThePredicatesLastValue() throws Exception {
        AtomicBoolean ready = new AtomicBoolean();
        lock.lock();
        try {
            assertThat(condition.waitFor(ready::get, Duration.ofMillis(50))).isFalse();
        } finally {
            lock.unlock();
        }
        CompletableFuture<Boolean> waiter = onNewThread(() -> {
            lock.lock();
            try {
                return condition.waitFor(ready::get, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
        });
        awaitWaiters(1);
        lock.lock();
        try {
            ready.set(true);
            condition.signalAll();
        } finally {
            lock.unlock();
        }
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptedWaiterThrowsHoldingTheLock() throws Exception {
        CompletableFuture<Boolean> heldAfterInterrupt = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            lock.lock();
            try {
                condition.await();
                heldAfterInterrupt.complete(false);
            } catch (InterruptedException e) {
                heldAfterInterrupt.complete(lock.isHeldByCurrentThread());
            } finally {
                lock.unlock();
            }
        });
        waiter.start();
        awaitWaiters(1);
        waiter.interrupt();
        assertThat(heldAfterInterrupt.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSerializedConditionSignalsTheSameWaiters() throws Exception {
        ProcessCondition copy = roundTrip(condition);
        CompletableFuture<Boolean> waiter = signalledOnNewThread();
        awaitWaiters(1);
        signal(copy::signal);
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A thread that waits at most 20 s to be signalled; completes with whether it was. */
    private CompletableFuture<Boolean> signalledOnNewThread() {
        return onNewThread(() -> {
            lock.lock();
            try {
                return condition.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
        });
    }

    private void signal(Runnable signal) {
        lock.lock();
        try {
            signal.run();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code count} threads wait on the condition, having released the lock. */
    private void awaitWaiters(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> condition.numberWaiting() == count && !lock.isLocked());
    }
}
