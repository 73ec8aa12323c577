package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessContext;

/**
 * A barrier's contract among the threads of one process, as {@link java.util.concurrent.CyclicBarrier}'s:
 * generations, arrival indices, the action, and what breaks it.
 */
@Timeout(30)
public abstract class BarrierContract extends ContextContract {

    private static final AtomicInteger ACTIONS = new AtomicInteger();

    @Test
    void partiesMeetForSeveralGenerationsAndTheActionRunsOncePerGeneration() throws Exception {
        ProcessContext mp = context();
        ACTIONS.set(0);
        ProcessBarrier barrier = mp.barrier(3, ACTIONS::incrementAndGet);
        ConcurrentLinkedQueue<Integer> indices = new ConcurrentLinkedQueue<>();
        List<Thread> parties = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            Thread party = new Thread(() -> {
                try {
                    for (int generation = 0; generation < 4; generation++) {
                        indices.add(barrier.await());
                    }
                } catch (InterruptedException | BrokenBarrierException e) {
                    throw new IllegalStateException(e);
                }
            });
            parties.add(party);
            party.start();
        }
        for (Thread party : parties) {
            party.join();
        }
        assertThat(ACTIONS).hasValue(4);
        assertThat(indices).hasSize(12).containsOnly(0, 1, 2);
        assertThat(indices.stream().filter(index -> index == 0)).hasSize(4);
        assertThat(barrier.isBroken()).isFalse();
        assertThat(barrier.numberWaiting()).isZero();
    }

    @Test
    void aTimeoutBreaksTheBarrierForEveryWaiterUntilReset() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(3);
        CompletableFuture<Throwable> other = arrive(barrier);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.numberWaiting() == 1);

        assertThatThrownBy(() -> barrier.await(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);

        barrier.reset();
        assertThat(barrier.isBroken()).isFalse();
        CompletableFuture<Throwable> first = arrive(barrier);
        CompletableFuture<Throwable> second = arrive(barrier);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.numberWaiting() == 2);
        assertThat(barrier.await(10, TimeUnit.SECONDS)).isZero();
        assertThat(first.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(second.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void resetAndAbortReleaseWaitersWithABrokenBarrier() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(2);
        CompletableFuture<Throwable> waiter = arrive(barrier);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.numberWaiting() == 1);
        barrier.reset();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isFalse();

        waiter = arrive(barrier);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.numberWaiting() == 1);
        barrier.abort();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void anActionThatThrowsBreaksTheBarrierAndReachesTheLastParty() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(2, () -> {
            throw new IllegalStateException("action failed");
        });
        CompletableFuture<Throwable> waiter = arrive(barrier);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.numberWaiting() == 1);
        assertThatThrownBy(barrier::await).isInstanceOf(IllegalStateException.class).hasMessage("action failed");
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void aSerializedBarrierIsTheSameBarrierWithTheSameAction() throws Exception {
        ProcessContext mp = context();
        ACTIONS.set(0);
        ProcessBarrier barrier = mp.barrier(2, ACTIONS::incrementAndGet);
        ProcessBarrier copy = roundTrip(barrier);
        CompletableFuture<Throwable> waiter = arrive(copy);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.numberWaiting() == 1);
        assertThat(barrier.await()).isZero();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(ACTIONS).hasValue(1);
        assertThat(copy.parties()).isEqualTo(2);
    }

    @Test
    void testSingleThread_aBarrierOfOnePartyTripsAtEveryArrivalAndRunsItsActionEachTime() throws Exception {
        ProcessContext mp = context();
        ACTIONS.set(0);
        ProcessBarrier barrier = mp.barrier(1, ACTIONS::incrementAndGet);
        assertThat(barrier.await()).isZero();
        assertThat(barrier.await(PATIENCE)).isZero();
        assertThat(ACTIONS).hasValue(2);
        assertThat(barrier.isBroken()).isFalse();
    }

    @Test
    void partiesOutOfRangeAreRefused() {
        ProcessContext mp = context();
        assertThatThrownBy(() -> mp.barrier(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mp.barrier(40_000)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A party that arrives on another thread; completes with what it threw, or null. */
    private static CompletableFuture<Throwable> arrive(ProcessBarrier barrier) {
        return onNewThread(() -> {
            try {
                barrier.await(20, TimeUnit.SECONDS);
                return null;
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                return e;
            }
        });
    }

}
