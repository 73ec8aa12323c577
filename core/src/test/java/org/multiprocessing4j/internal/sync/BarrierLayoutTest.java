package org.multiprocessing4j.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BarrierLayoutTest {

    @Test
    void theNextGenerationStartsEmptyAndWholeAndRemembersHowTheLastOneEnded() {
        long state = BarrierLayout.withBrokenFlag(0L + 3);
        assertThat(BarrierLayout.arrived(state)).isEqualTo(3);
        assertThat(BarrierLayout.hasBrokenFlag(state)).isTrue();

        long reset = BarrierLayout.next(state, true);
        assertThat(BarrierLayout.generation(reset)).isEqualTo(1);
        assertThat(BarrierLayout.arrived(reset)).isZero();
        assertThat(BarrierLayout.hasBrokenFlag(reset)).isFalse();
        assertThat(BarrierLayout.endedBroken(reset, 0)).isTrue();

        long tripped = BarrierLayout.next(reset + 2, false);
        assertThat(BarrierLayout.generation(tripped)).isEqualTo(2);
        assertThat(BarrierLayout.endedBroken(tripped, 1)).isFalse();
        assertThat(BarrierLayout.endedBroken(tripped, 0)).isTrue();
    }

    @Test
    void generationsWrapAroundAndTheHistoryKeepsTheLast32() {
        long state = 0;
        for (int generation = 0; generation < 70_000; generation++) {
            state = BarrierLayout.next(state, generation % 3 == 0);
        }
        assertThat(BarrierLayout.generation(state)).isEqualTo(70_000 & 0xFFFF);
        for (int generation = 70_000 - 32; generation < 70_000; generation++) {
            assertThat(BarrierLayout.endedBroken(state, generation & 0xFFFF)).as("generation %d", generation)
                    .isEqualTo(generation % 3 == 0);
        }
        assertThat(BarrierLayout.arrived(state)).isZero();
    }
}
