package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedLockTest {

    private final ServedLock lock = new ServedLock();

    @Test
    void anotherThreadCannotTakeTheLockUntilTheHolderReleasesIt() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        lock.lock();
        assertThat(ConnectionThread.start(lock::tryLock).result()).isFalse();

        ConnectionThread<Boolean> waiter = ConnectionThread.start(() -> {
            lock.lock();
            try {
                return released.get();
            } finally {
                lock.unlock();
            }
        }).awaitWaiting();
        released.set(true);
        lock.unlock();

        assertThat(waiter.result()).isTrue();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void theHolderTakingItAgainIsRefusedInsteadOfWaitingForEver() throws Exception {
        lock.lock();

        assertThatThrownBy(lock::lock).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(lock::lockInterruptibly).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.tryLock()).isFalse();
        assertThat(lock.tryLock(1, TimeUnit.HOURS)).isFalse();
        assertThat(lock.tryLock(Duration.ofHours(1))).isFalse();

        lock.unlock();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void onlyTheHolderMayUnlock() throws Exception {
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
        lock.lock();

        assertThat(ConnectionThread.start(() -> {
            assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
            return lock.isHeldByCurrentThread();
        }).result()).isFalse();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();
    }

    @Test
    void theNextTakerOfAnAbandonedLockSeesOwnerDiedUntilItReleasesIt() throws Exception {
        ConnectionThread.start(() -> {
            lock.lock();
            lock.abandon();
            return null;
        }).result();
        assertThat(lock.isLocked()).as("held when its holder died, not yet taken over").isTrue();
        assertThat(lock.ownerDied()).as("not for a thread that does not hold it").isFalse();

        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.ownerDied()).isTrue();
        assertThat(ConnectionThread.start(lock::ownerDied).result()).isFalse();
        lock.unlock();

        assertThat(lock.isLocked()).isFalse();
        lock.lock();
        assertThat(lock.ownerDied()).as("the lock was released normally since").isFalse();
        lock.unlock();
    }

    @Test
    void aThreadThatDoesNotHoldTheLockCannotAbandonIt() {
        assertThatThrownBy(lock::abandon).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.isLocked()).isFalse();
    }
}
