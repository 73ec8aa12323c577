package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedLongTest {

    private static final long BIG = 1L << 40;

    private final ServedLong value = new ServedLong(BIG);

    @Test
    void getSetAndCompareAndSetAreAtomicLongs() {
        assertThat(value.get()).isEqualTo(BIG);
        value.set(BIG + 2);
        assertThat(value.getAndSet(BIG + 4)).isEqualTo(BIG + 2);

        assertThat(value.compareAndSet(BIG + 3, 1)).isFalse();
        assertThat(value.get()).isEqualTo(BIG + 4);
        assertThat(value.compareAndSet(BIG + 4, 1)).isTrue();
        assertThat(value.get()).isEqualTo(1);
        assertThat(value).hasToString("1");
    }

    @Test
    void theInterfacesAdditionsAndUpdatesRunOnGetAndAddAndCompareAndSet() {
        assertThat(value.getAndAdd(BIG)).isEqualTo(BIG);
        assertThat(value.addAndGet(3)).isEqualTo(2 * BIG + 3);
        assertThat(value.incrementAndGet()).isEqualTo(2 * BIG + 4);
        assertThat(value.decrementAndGet()).isEqualTo(2 * BIG + 3);
        assertThat(value.getAndIncrement()).isEqualTo(2 * BIG + 3);
        assertThat(value.getAndDecrement()).isEqualTo(2 * BIG + 4);
        value.set(10);
        assertThat(value.updateAndGet(x -> x * 2)).isEqualTo(20);
        assertThat(value.getAndUpdate(x -> x + 1)).isEqualTo(20);
        assertThat(value.accumulateAndGet(30, Math::max)).isEqualTo(30);
        assertThat(value.getAndAccumulate(40, Math::max)).isEqualTo(30);
        assertThat(value.get()).isEqualTo(40);
    }

    @Test
    void incrementsAndUpdatesFromFourThreadsAreNoneLost() throws Exception {
        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                value.incrementAndGet();
                value.accumulateAndGet(1, Long::sum);
            }
            return null;
        });

        assertThat(value.get()).isEqualTo(BIG + 80_000);
    }

    @Test
    void theLockIsAReentrantLockOfItsOwnTheSameEachCall() {
        assertThat(value.lock()).isInstanceOf(ServedReentrantLock.class).isSameAs(value.lock());
        assertThat(value.lock()).isNotSameAs(new ServedLong(BIG).lock());
    }
}
