package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessSemaphore;

/** A semaphore's contract among the threads of one process: bounds, timeouts, several permits at once. */
@Timeout(30)
public abstract class SemaphoreContract extends ContextContract {

    @Test
    void boundedSemaphoreRefusesAReleasePastItsBoundAndReleasesNothing() throws Exception {
        ProcessContext mp = context();
        ProcessSemaphore semaphore = mp.boundedSemaphore(2);
        assertThat(semaphore.isBounded()).isTrue();
        assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class);
        semaphore.acquire();
        assertThatThrownBy(() -> semaphore.release(2)).isInstanceOf(IllegalStateException.class);
        assertThat(semaphore.availablePermits()).isEqualTo(1);
        semaphore.release();
        assertThat(semaphore.availablePermits()).isEqualTo(2);
    }

    @Test
    void unboundedSemaphoreTakesMoreReleasesThanItStartedWith() {
        ProcessContext mp = context();
        ProcessSemaphore semaphore = mp.semaphore(0);
        assertThat(semaphore.isBounded()).isFalse();
        assertThat(semaphore.tryAcquire()).isFalse();
        semaphore.release(3);
        assertThat(semaphore.tryAcquire(2)).isTrue();
        assertThat(semaphore.tryAcquire(2)).isFalse();
        assertThat(semaphore.availablePermits()).isEqualTo(1);
    }

    @Test
    void acquireWaitsForAReleaseByAnotherThread() throws Exception {
        ProcessContext mp = context();
        ProcessSemaphore semaphore = mp.semaphore(0);
        CompletableFuture<Boolean> waiter = onNewThread(() -> {
            try {
                semaphore.acquire(2);
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        });
        semaphore.release();
        semaphore.release();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(semaphore.availablePermits()).isZero();
    }

    @Test
    void timedAcquireGivesUpAfterItsTimeout() throws Exception {
        ProcessContext mp = context();
        ProcessSemaphore semaphore = mp.semaphore(1);
        long begin = System.nanoTime();
        assertThat(semaphore.tryAcquire(2, 50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(semaphore.tryAcquire(0, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void invalidPermitCountsAreRefused() {
        ProcessContext mp = context();
        assertThatThrownBy(() -> mp.semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mp.boundedSemaphore(0)).isInstanceOf(IllegalArgumentException.class);
        ProcessSemaphore semaphore = mp.semaphore(1);
        assertThatThrownBy(() -> semaphore.acquire(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> semaphore.release(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSerializedSemaphoreSharesItsPermits() throws Exception {
        ProcessContext mp = context();
        ProcessSemaphore semaphore = mp.boundedSemaphore(1);
        ProcessSemaphore copy = roundTrip(semaphore);
        assertThat(copy.tryAcquire()).isTrue();
        assertThat(semaphore.tryAcquire()).isFalse();
        semaphore.release();
        assertThat(copy.toString()).isEqualTo("ProcessSemaphore[permits=1, bound=1]");
    }
}
