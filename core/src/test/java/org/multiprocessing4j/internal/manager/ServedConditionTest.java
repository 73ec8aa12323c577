package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessCondition;

@Timeout(60)
class ServedConditionTest {

    private final ServedReentrantLock lock = new ServedReentrantLock();
    private final ProcessCondition condition = lock.newCondition();

    @Test
    void aSignalWakesAWaiterWhichTakesTheLockBackWithItsHolds() throws Exception {
        AtomicBoolean ready = new AtomicBoolean();
        ConnectionThread<Integer> waiter = ConnectionThread.start(() -> {
            lock.lock();
            lock.lock();
            try {
                condition.waitFor(ready::get);
                return lock.holdCount();
            } finally {
                lock.unlock();
                lock.unlock();
            }
        });
        await().until(() -> condition.numberWaiting() == 1);

        lock.lock();
        ready.set(true);
        condition.signal();
        assertThat(condition.numberWaiting()).as("signalled, though it has not woken yet").isZero();
        lock.unlock();

        assertThat(waiter.result()).isEqualTo(2);
    }

    @Test
    void aWaiterDoesNotHoldTheLockWhileItWaits() throws Exception {
        ConnectionThread<Boolean> waiter = ConnectionThread.start(() -> {
            lock.lock();
            try {
                condition.await();
                return lock.isHeldByCurrentThread();
            } finally {
                lock.unlock();
            }
        });
        await().until(() -> condition.numberWaiting() == 1);

        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryLock()).isTrue();
        condition.signalAll();
        lock.unlock();

        assertThat(waiter.result()).isTrue();
    }

    @Test
    void numberWaitingCountsEveryWaiterUntilSignalAll() throws Exception {
        ConnectionThread<?>[] waiters = new ConnectionThread<?>[3];
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = ConnectionThread.start(() -> {
                lock.lock();
                try {
                    condition.awaitUninterruptibly();
                    return null;
                } finally {
                    lock.unlock();
                }
            });
        }
        await().until(() -> condition.numberWaiting() == 3);

        lock.lock();
        condition.signal();
        assertThat(condition.numberWaiting()).isEqualTo(2);
        condition.signalAll();
        assertThat(condition.numberWaiting()).isZero();
        lock.unlock();

        for (ConnectionThread<?> waiter : waiters) {
            waiter.result();
        }
    }

    @Test
    void aSignalSentBeforeAThreadWaitsIsNotTakenByIt() throws Exception {
        lock.lock();
        condition.signal();

        assertThat(condition.await(1, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(condition.awaitNanos(1)).isNotPositive();
        assertThat(condition.numberWaiting()).as("a waiter that gave up").isZero();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
    }

    @Test
    void anInterruptedWaiterGivesUpHoldingTheLock() throws Exception {
        ConnectionThread<Boolean> waiter = ConnectionThread.start(() -> {
            lock.lock();
            try {
                condition.await(Duration.ofHours(1));
                return false;
            } catch (InterruptedException e) {
                return lock.isHeldByCurrentThread();
            } finally {
                lock.unlock();
            }
        });
        await().until(() -> condition.numberWaiting() == 1);

        waiter.interrupt();

        assertThat(waiter.result()).isTrue();
        assertThat(condition.numberWaiting()).isZero();
    }

    @Test
    void waitingOrSignallingWithoutTheLockIsRefused() {
        assertThatThrownBy(condition::await).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(() -> condition.await(1, TimeUnit.SECONDS)).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(condition::signal).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(condition::signalAll).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(condition.numberWaiting()).isZero();
    }

    @Test
    void aWaiterThatRetakesAnAbandonedLockSeesOwnerDied() throws Exception {
        ConnectionThread<Boolean> waiter = ConnectionThread.start(() -> {
            lock.lock();
            try {
                condition.await();
                return lock.ownerDied();
            } finally {
                lock.unlock();
            }
        });
        await().until(() -> condition.numberWaiting() == 1);

        ConnectionThread.start(() -> {
            lock.lock();
            condition.signal();
            HeldLocks.abandonAllHeldByCurrentThread();
            return null;
        }).result();

        assertThat(waiter.result()).isTrue();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void aWaitIsAFullReleaseSoItEndsTheOwnerDiedState() throws Exception {
        ConnectionThread.start(() -> {
            lock.lock();
            lock.abandon();
            return null;
        }).result();
        lock.lock();
        assertThat(lock.ownerDied()).isTrue();

        assertThat(condition.await(1, TimeUnit.NANOSECONDS)).isFalse();

        assertThat(lock.ownerDied()).isFalse();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
    }
}
