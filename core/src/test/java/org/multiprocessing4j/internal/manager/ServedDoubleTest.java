package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedDoubleTest {

    private final ServedDouble value = new ServedDouble(1.5);

    @Test
    void getAndSetKeepTheValueToTheBit() {
        assertThat(value.get()).isEqualTo(1.5);
        value.set(-0.0);
        assertThat(Double.doubleToRawLongBits(value.get())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(value.getAndSet(2.5))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(value.get()).isEqualTo(2.5);
        assertThat(value).hasToString("2.5");
    }

    @Test
    void compareAndSetComparesBitsNotEquality() {
        value.set(0.0);
        assertThat(value.compareAndSet(-0.0, 1.0)).as("-0.0 == 0.0, but its bits differ").isFalse();
        assertThat(value.compareAndSet(0.0, Double.NaN)).isTrue();
        assertThat(value.compareAndSet(Double.NaN, 2.0)).as("NaN != NaN, but its bits are the same").isTrue();
        assertThat(value.get()).isEqualTo(2.0);
        assertThat(value.compareAndSet(3.0, 4.0)).isFalse();
        assertThat(value.get()).isEqualTo(2.0);
    }

    @Test
    void theInterfacesAdditionsAndUpdatesRunOnCompareAndSet() {
        assertThat(value.getAndAdd(1.0)).isEqualTo(1.5);
        assertThat(value.addAndGet(0.5)).isEqualTo(3.0);
        assertThat(value.updateAndGet(x -> x * 2)).isEqualTo(6.0);
        assertThat(value.getAndUpdate(x -> x - 1)).isEqualTo(6.0);
        assertThat(value.get()).isEqualTo(5.0);
    }

    @Test
    void additionsFromFourThreadsAreNoneLost() throws Exception {
        value.set(0.0);

        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                value.addAndGet(1.0);
            }
            return null;
        });

        assertThat(value.get()).isEqualTo(40_000.0);
    }

    @Test
    void theLockIsAReentrantLockOfItsOwnTheSameEachCall() {
        assertThat(value.lock()).isInstanceOf(ServedReentrantLock.class).isSameAs(value.lock());
        assertThat(value.lock()).isNotSameAs(new ServedDouble(1.5).lock());
    }
}
