package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedIntTest {

    private final ServedInt value = new ServedInt(5);

    @Test
    void getSetAndCompareAndSetAreAtomicIntegers() {
        assertThat(value.get()).isEqualTo(5);
        value.set(7);
        assertThat(value.getAndSet(9)).isEqualTo(7);

        assertThat(value.compareAndSet(8, 1)).isFalse();
        assertThat(value.get()).isEqualTo(9);
        assertThat(value.compareAndSet(9, 1)).isTrue();
        assertThat(value.get()).isEqualTo(1);
        assertThat(value).hasToString("1");
    }

    @Test
    void theInterfacesAdditionsAndUpdatesRunOnGetAndAddAndCompareAndSet() {
        assertThat(value.getAndAdd(2)).isEqualTo(5);
        assertThat(value.addAndGet(3)).isEqualTo(10);
        assertThat(value.incrementAndGet()).isEqualTo(11);
        assertThat(value.decrementAndGet()).isEqualTo(10);
        assertThat(value.getAndIncrement()).isEqualTo(10);
        assertThat(value.getAndDecrement()).isEqualTo(11);
        assertThat(value.updateAndGet(x -> x * 2)).isEqualTo(20);
        assertThat(value.getAndUpdate(x -> x + 1)).isEqualTo(20);
        assertThat(value.accumulateAndGet(30, Math::max)).isEqualTo(30);
        assertThat(value.getAndAccumulate(40, Math::max)).isEqualTo(30);
        assertThat(value.get()).isEqualTo(40);
    }

    @Test
    void anAdditionPastTheLargestIntWrapsAround() {
        value.set(Integer.MAX_VALUE);

        assertThat(value.incrementAndGet()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void incrementsAndUpdatesFromFourThreadsAreNoneLost() throws Exception {
        value.set(0);

        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                value.incrementAndGet();
                value.accumulateAndGet(1, Integer::sum);
            }
            return null;
        });

        assertThat(value.get()).isEqualTo(80_000);
    }

    @Test
    void theLockIsAReentrantLockOfItsOwnTheSameEachCall() {
        assertThat(value.lock()).isInstanceOf(ServedReentrantLock.class).isSameAs(value.lock());
        assertThat(value.lock()).isNotSameAs(new ServedInt(5).lock());

        value.lock().lock();
        value.lock().lock();
        assertThat(((ServedReentrantLock) value.lock()).holdCount()).isEqualTo(2);
        value.lock().unlock();
        value.lock().unlock();
    }
}
