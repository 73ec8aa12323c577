package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedBarrierTest {

    @Test
    void theLastArrivalRunsTheActionBeforeAnyPartyIsReleased() throws Exception {
        AtomicInteger actions = new AtomicInteger();
        ServedBarrier barrier = new ServedBarrier(3, actions::incrementAndGet);
        List<ConnectionThread<int[]>> parties = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            parties.add(ConnectionThread.start(() -> new int[] {barrier.await(), actions.get()}));
        }

        List<Integer> indices = new ArrayList<>();
        for (ConnectionThread<int[]> party : parties) {
            int[] result = party.result();
            indices.add(result[0]);
            assertThat(result[1]).as("actions run when released").isEqualTo(1);
        }
        assertThat(indices).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(barrier.isBroken()).isFalse();
        assertThat(barrier.numberWaiting()).isZero();
    }

    @Test
    void theFirstToArriveGetsTheHighestIndexAndTheBarrierIsReusable() throws Exception {
        ServedBarrier barrier = new ServedBarrier(2, null);
        for (int generation = 0; generation < 2; generation++) {
            ConnectionThread<Integer> first = ConnectionThread.start(barrier::await);
            await().until(() -> barrier.numberWaiting() == 1);

            assertThat(barrier.await()).isZero();
            assertThat(first.result()).isEqualTo(1);
        }
    }

    @Test
    void abortBreaksTheBarrierForWaitersAndLaterArrivalsUntilReset() throws Exception {
        ServedBarrier barrier = new ServedBarrier(3, null);
        ConnectionThread<Integer> waiter = ConnectionThread.start(barrier::await);
        await().until(() -> barrier.numberWaiting() == 1);

        barrier.abort();

        assertThatThrownBy(waiter::result).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
        assertThatThrownBy(() -> barrier.await(1, TimeUnit.HOURS)).isInstanceOf(BrokenBarrierException.class);

        barrier.reset();
        assertThat(barrier.isBroken()).isFalse();
        assertThat(barrier.numberWaiting()).isZero();
    }

    @Test
    void resetBreaksTheWaitingGenerationAndLeavesTheBarrierWhole() throws Exception {
        ServedBarrier barrier = new ServedBarrier(2, null);
        ConnectionThread<Integer> waiter = ConnectionThread.start(barrier::await);
        await().until(() -> barrier.numberWaiting() == 1);

        barrier.reset();

        assertThatThrownBy(waiter::result).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isFalse();
    }

    @Test
    void aWaiterThatTimesOutBreaksTheBarrier() throws Exception {
        ServedBarrier barrier = new ServedBarrier(2, null);

        assertThatThrownBy(() -> barrier.await(1, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void anActionThatThrowsReachesTheLastPartyAndBreaksTheBarrierForTheOthers() throws Exception {
        ServedBarrier barrier = new ServedBarrier(2, () -> {
            throw new IllegalStateException("action failed");
        });
        ConnectionThread<Integer> first = ConnectionThread.start(barrier::await);
        await().until(() -> barrier.numberWaiting() == 1);

        assertThatThrownBy(barrier::await).isInstanceOf(IllegalStateException.class).hasMessage("action failed");
        assertThatThrownBy(first::result).isInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void anInterruptedWaiterBreaksTheBarrier() throws Exception {
        ServedBarrier barrier = new ServedBarrier(2, null);
        ConnectionThread<Integer> waiter = ConnectionThread.start(barrier::await);
        await().until(() -> barrier.numberWaiting() == 1);

        waiter.interrupt();

        assertThatThrownBy(waiter::result).isInstanceOf(InterruptedException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void aBarrierNeedsAParty() {
        assertThatThrownBy(() -> new ServedBarrier(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ServedBarrier(1, null).parties()).isEqualTo(1);
    }
}
