package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedLongArrayTest {

    private static final long BIG = 1L << 40;

    private final ServedLongArray array = new ServedLongArray(new long[] {1, BIG, 3, 4});

    @Test
    void aNewArrayIsZeroedAndOneMadeFromContentHoldsACopyOfIt() {
        long[] content = {BIG, 8};
        ServedLongArray copied = new ServedLongArray(content);
        content[0] = 0;

        assertThat(new ServedLongArray(3).toArray()).containsExactly(0, 0, 0);
        assertThat(copied.toArray()).containsExactly(BIG, 8);
        assertThat(copied.length()).isEqualTo(2);
        assertThat(copied).hasToString("[" + BIG + ", 8]");
        assertThatThrownBy(() -> new ServedLongArray(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachElementIsAnAtomicLong() {
        assertThat(array.get(1)).isEqualTo(BIG);
        array.set(1, BIG + 1);
        assertThat(array.getAndSet(1, BIG + 2)).isEqualTo(BIG + 1);
        assertThat(array.compareAndSet(1, BIG + 1, 0)).isFalse();
        assertThat(array.compareAndSet(1, BIG + 2, BIG + 3)).isTrue();
        assertThat(array.getAndAdd(1, BIG)).isEqualTo(BIG + 3);

        assertThat(array.toArray()).containsExactly(1, 2 * BIG + 3, 3, 4);
    }

    @Test
    void theInterfacesAdditionsAndUpdatesRunOnGetAndAddAndCompareAndSet() {
        assertThat(array.addAndGet(0, 2)).isEqualTo(3);
        assertThat(array.incrementAndGet(0)).isEqualTo(4);
        assertThat(array.decrementAndGet(0)).isEqualTo(3);
        assertThat(array.getAndIncrement(0)).isEqualTo(3);
        assertThat(array.getAndDecrement(0)).isEqualTo(4);
        assertThat(array.updateAndGet(2, x -> x * BIG)).isEqualTo(3 * BIG);
        assertThat(array.getAndUpdate(2, x -> x + 1)).isEqualTo(3 * BIG);
        assertThat(array.accumulateAndGet(3, 40, Math::max)).isEqualTo(40);
        assertThat(array.getAndAccumulate(3, 50, Math::max)).isEqualTo(40);

        assertThat(array.toArray()).containsExactly(3, BIG, 3 * BIG + 1, 50);
    }

    @Test
    void anIndexOutOfRangeIsRefused() {
        assertThatThrownBy(() -> array.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.set(4, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.getAndSet(4, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.compareAndSet(4, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.getAndAdd(4, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.decrementAndGet(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copiesTakeRangesAndRefuseOnesOutOfEitherArrayCopyingNothing() {
        long[] target = {-1, -1, -1};
        array.copyTo(1, target, 1, 2);
        assertThat(target).containsExactly(-1, BIG, 3);

        array.copyFrom(new long[] {9, BIG + 9}, 0, 2, 2);
        assertThat(array.toArray()).containsExactly(1, BIG, 9, BIG + 9);

        assertThatThrownBy(() -> array.copyTo(3, target, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(0, target, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(target, 0, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(target, 2, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(target).containsExactly(-1, BIG, 3);
        assertThat(array.toArray()).containsExactly(1, BIG, 9, BIG + 9);
    }

    @Test
    void fillSetsEveryElement() {
        array.fill(BIG);

        assertThat(array.toArray()).containsExactly(BIG, BIG, BIG, BIG);
    }

    @Test
    void incrementsFromFourThreadsAreNoneLostAndTouchNoOtherElement() throws Exception {
        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                array.incrementAndGet(1);
                array.accumulateAndGet(2, 1, Long::sum);
            }
            return null;
        });

        assertThat(array.toArray()).containsExactly(1, BIG + 40_000, 40_003, 4);
    }

    @Test
    void aBufferViewIsRefusedPointingToTheCopies() {
        assertThatThrownBy(array::asBuffer)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("copyTo, copyFrom or toArray");
    }

    @Test
    void theLockIsAReentrantLockOfItsOwnTheSameEachCall() {
        assertThat(array.lock()).isInstanceOf(ServedReentrantLock.class).isSameAs(array.lock());
        assertThat(array.lock()).isNotSameAs(new ServedLongArray(4).lock());
    }
}
