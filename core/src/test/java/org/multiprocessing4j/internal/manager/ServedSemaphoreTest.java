package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedSemaphoreTest {

    @Test
    void aBoundedSemaphoreRefusesAReleasePastItsInitialPermitsAndReleasesNothing() throws Exception {
        ServedSemaphore semaphore = new ServedSemaphore(2, true);
        semaphore.acquire();

        assertThatThrownBy(() -> semaphore.release(2)).isInstanceOf(IllegalStateException.class);
        assertThat(semaphore.availablePermits()).isEqualTo(1);
        semaphore.release();
        assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class);
        assertThat(semaphore.availablePermits()).isEqualTo(2);
        assertThat(semaphore.isBounded()).isTrue();
    }

    @Test
    void anUnboundedSemaphoreTakesReleasesPastItsInitialPermitsFromAnyThread() throws Exception {
        ServedSemaphore semaphore = new ServedSemaphore(0, false);

        ConnectionThread.start(() -> {
            semaphore.release(3);
            return null;
        }).result();

        assertThat(semaphore.availablePermits()).isEqualTo(3);
        assertThat(semaphore.tryAcquire(3)).isTrue();
        assertThat(semaphore.tryAcquire()).isFalse();
        assertThat(semaphore.isBounded()).isFalse();
    }

    @Test
    void anAcquireWaitsUntilEnoughPermitsAreReleased() throws Exception {
        ServedSemaphore semaphore = new ServedSemaphore(1, false);
        AtomicBoolean released = new AtomicBoolean();
        ConnectionThread<Boolean> waiter = ConnectionThread.start(() -> {
            semaphore.acquire(2);
            return released.get();
        }).awaitWaiting();

        released.set(true);
        semaphore.release();

        assertThat(waiter.result()).isTrue();
        assertThat(semaphore.availablePermits()).isZero();
    }

    @Test
    void permitCountsMustBePositiveAndInitialPermitsInRange() {
        ServedSemaphore semaphore = new ServedSemaphore(1, false);

        assertThatThrownBy(() -> semaphore.acquire(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> semaphore.tryAcquire(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> semaphore.release(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServedSemaphore(-1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServedSemaphore(0, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnboundedSemaphoreRefusesToOverflow() {
        ServedSemaphore semaphore = new ServedSemaphore(Integer.MAX_VALUE, false);

        assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class);
        assertThat(semaphore.availablePermits()).isEqualTo(Integer.MAX_VALUE);
    }
}
