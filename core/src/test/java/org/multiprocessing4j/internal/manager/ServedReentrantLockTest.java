package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedReentrantLockTest {

    private final ServedReentrantLock lock = new ServedReentrantLock();

    @Test
    void theHolderTakesItAgainAndMustReleaseItAsManyTimes() throws Exception {
        lock.lock();
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.holdCount()).isEqualTo(3);

        lock.unlock();
        lock.unlock();
        assertThat(lock.holdCount()).isEqualTo(1);
        assertThat(ConnectionThread.start(lock::tryLock).result()).isFalse();

        lock.unlock();
        assertThat(lock.holdCount()).isZero();
        assertThat(lock.isLocked()).isFalse();
        assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void abandoningReleasesEveryHoldAndTheTakerHoldsItOnceWithOwnerDied() throws Exception {
        ConnectionThread.start(() -> {
            lock.lock();
            lock.lock();
            lock.lock();
            lock.abandon();
            return lock.holdCount();
        }).result();

        lock.lock();
        assertThat(lock.holdCount()).isEqualTo(1);
        assertThat(lock.ownerDied()).isTrue();
        lock.lock();
        lock.unlock();
        assertThat(lock.ownerDied()).as("until it is fully released").isTrue();
        lock.unlock();

        lock.lock();
        assertThat(lock.ownerDied()).isFalse();
        lock.unlock();
    }

    @Test
    void abandonAllReleasesEveryLockTheThreadHoldsAndNoOther() throws Exception {
        ServedLock other = new ServedLock();
        ServedLock untouched = new ServedLock();
        ServedLock released = new ServedLock();
        untouched.lock();

        ConnectionThread.start(() -> {
            lock.lock();
            lock.lock();
            other.lock();
            released.lock();
            released.unlock();
            HeldLocks.abandonAllHeldByCurrentThread();
            return null;
        }).result();

        assertThat(untouched.isHeldByCurrentThread()).isTrue();
        assertThat(released.isLocked()).isFalse();
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.ownerDied()).isTrue();
        assertThat(lock.holdCount()).isEqualTo(1);
        assertThat(other.tryLock()).isTrue();
        assertThat(other.ownerDied()).isTrue();
        assertThat(released.tryLock()).isTrue();
        assertThat(released.ownerDied()).isFalse();
    }

    @Test
    void abandonAllLeavesAloneWhatTheThreadAlreadyGaveUp() throws Exception {
        ServedLock waitedOn = new ServedLock();
        ServedLock held = new ServedLock();

        ConnectionThread.start(() -> {
            lock.lock();
            lock.abandon();
            waitedOn.lock();
            waitedOn.newCondition().await(1, TimeUnit.NANOSECONDS);
            waitedOn.unlock();
            held.lock();
            // would throw IllegalMonitorStateException on a lock it no longer holds
            HeldLocks.abandonAllHeldByCurrentThread();
            return null;
        }).result();

        assertThat(held.tryLock()).isTrue();
        assertThat(held.ownerDied()).isTrue();
        assertThat(waitedOn.tryLock()).isTrue();
        assertThat(waitedOn.ownerDied()).isFalse();
    }

    @AfterEach
    void releaseWhatTheTestThreadHolds() {
        HeldLocks.abandonAllHeldByCurrentThread();
    }
}
