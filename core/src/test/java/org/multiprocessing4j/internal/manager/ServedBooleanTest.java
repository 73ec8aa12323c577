package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedBooleanTest {

    private final ServedBoolean value = new ServedBoolean(false);

    @Test
    void getSetAndCompareAndSetAreAtomicBooleans() {
        assertThat(value.get()).isFalse();
        value.set(true);
        assertThat(value.getAndSet(false)).isTrue();

        assertThat(value.compareAndSet(true, true)).isFalse();
        assertThat(value.get()).isFalse();
        assertThat(value.compareAndSet(false, true)).isTrue();
        assertThat(value.get()).isTrue();
        assertThat(value).hasToString("true");
    }

    @Test
    void compareAndSetLetsOneThreadAtATimeThrough() throws Exception {
        int[] guarded = new int[1];

        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                while (!value.compareAndSet(false, true)) {
                    Thread.onSpinWait();
                }
                guarded[0]++;
                value.set(false);
            }
            return null;
        });

        assertThat(guarded[0]).isEqualTo(40_000);
        assertThat(value.get()).isFalse();
    }

    @Test
    void theLockIsAReentrantLockOfItsOwnTheSameEachCall() {
        assertThat(value.lock()).isInstanceOf(ServedReentrantLock.class).isSameAs(value.lock());
        assertThat(value.lock()).isNotSameAs(new ServedBoolean(false).lock());
    }
}
