package org.multiprocessing4j.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line of a cluster condition's waiters: signals in order, and none lost to a waiter that died. */
class ConditionWaitersTest {

    @Test
    void aSignalGoesToTheOldestWaiterAndSignalAllToEveryOne() {
        ConditionWaiters waiters = ConditionWaiters.NONE.enqueue("a", "one").enqueue("b", "two").enqueue("c", "one");

        ConditionWaiters signalled = waiters.signal(false);
        assertThat(signalled.isSignalled("a")).isTrue();
        assertThat(signalled.isSignalled("b")).isFalse();
        assertThat(signalled.numberWaiting()).isEqualTo(2);

        ConditionWaiters all = signalled.signal(true);
        assertThat(all.isSignalled("b")).isTrue();
        assertThat(all.isSignalled("c")).isTrue();
        assertThat(all.numberWaiting()).isZero();
    }

    @Test
    void aSignalWithNobodyWaitingIsLostAndTheLastToLeaveLeavesNothing() {
        ConditionWaiters waiters = ConditionWaiters.NONE.signal(false).enqueue("a", "one");
        assertThat(waiters.isSignalled("a")).isFalse();
        assertThat(waiters.leave("a").isEmpty()).isTrue();
    }

    @Test
    void aWaiterThatLeavesUnsignalledTakesNoSignalFromTheNext() {
        ConditionWaiters waiters = ConditionWaiters.NONE.enqueue("a", "one").enqueue("b", "one").leave("a");
        assertThat(waiters.signal(false).isSignalled("b")).isTrue();
    }

    @Test
    void aSignalThatReachesADeadWaiterGoesToTheNextLiveOne() {
        ConditionWaiters waiters = ConditionWaiters.NONE.enqueue("dead", "gone").enqueue("b", "one")
                .abandon("gone").signal(false);
        assertThat(waiters.isSignalled("b")).isTrue();
        assertThat(waiters.numberWaiting()).isZero();
        assertThat(waiters.spare()).isZero();
    }

    @Test
    void aSignalSentToADeadWaiterWithNobodyElseWaitingWakesTheNextToCome() {
        ConditionWaiters deadThenSignalled = ConditionWaiters.NONE.enqueue("dead", "gone").abandon("gone")
                .signal(false);
        ConditionWaiters signalledThenDead = ConditionWaiters.NONE.enqueue("dead", "gone").signal(false)
                .abandon("gone");
        for (ConditionWaiters waiters : new ConditionWaiters[] {deadThenSignalled, signalledThenDead}) {
            assertThat(waiters.numberWaiting()).isZero();
            assertThat(waiters.spare()).isOne();
            ConditionWaiters next = waiters.enqueue("next", "one");
            assertThat(next.isSignalled("next")).isTrue();
            assertThat(next.leave("next").isEmpty()).isTrue();
        }
    }

    @Test
    void aDeadWaiterStaysCountedUntilASignalReachesIt() {
        ConditionWaiters waiters = ConditionWaiters.NONE.enqueue("dead", "gone").abandon("gone");
        assertThat(waiters.numberWaiting()).isOne();
        assertThat(waiters.signal(true).isEmpty()).isTrue();
    }
}
