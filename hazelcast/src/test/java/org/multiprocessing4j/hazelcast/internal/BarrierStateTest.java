package org.multiprocessing4j.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A cluster barrier's state: arrivals, trips, resets and the history by which late waiters tell them apart. */
class BarrierStateTest {

    @Test
    void theLastArrivalClaimsTheTripAndTheTripStartsTheNextGeneration() {
        BarrierState two = BarrierState.of(2).arrive("one");
        assertThat(two.tripping()).isFalse();
        assertThat(two.numberWaiting()).isOne();

        BarrierState tripping = two.arrive("two");
        assertThat(tripping.tripping()).isTrue();
        assertThat(tripping.tripper()).isEqualTo("two");
        assertThat(tripping.numberWaiting()).isOne();

        BarrierState next = tripping.next(false);
        assertThat(next.generation()).isOne();
        assertThat(next.arrived()).isZero();
        assertThat(next.endedInReset(0)).isFalse();
    }

    @Test
    void aWaiterWakingGenerationsLaterTellsAResetFromATrip() {
        BarrierState state = BarrierState.of(3).next(true).next(false).next(true).next(false);
        assertThat(state.generation()).isEqualTo(4);
        assertThat(state.endedInReset(0)).isTrue();
        assertThat(state.endedInReset(1)).isFalse();
        assertThat(state.endedInReset(2)).isTrue();
        assertThat(state.endedInReset(3)).isFalse();
    }

    @Test
    void aBrokenBarrierCountsNobodyWaitingAndIsNotTripping() {
        BarrierState broken = BarrierState.of(2).arrive("one").arrive("two").asBroken();
        assertThat(broken.tripping()).isFalse();
        assertThat(broken.numberWaiting()).isZero();
        assertThat(broken.next(true).broken()).isFalse();
    }

    @Test
    void partiesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> BarrierState.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BarrierState.of(BarrierState.MAX_PARTIES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32767");
    }
}
