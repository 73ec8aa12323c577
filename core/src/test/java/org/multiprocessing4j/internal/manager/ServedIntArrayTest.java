package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedIntArrayTest {

    private final ServedIntArray array = new ServedIntArray(new int[] {1, 2, 3, 4});

    @Test
    void aNewArrayIsZeroedAndOneMadeFromContentHoldsACopyOfIt() {
        int[] content = {7, 8};
        ServedIntArray copied = new ServedIntArray(content);
        content[0] = 0;

        assertThat(new ServedIntArray(3).toArray()).containsExactly(0, 0, 0);
        assertThat(new ServedIntArray(0).length()).isZero();
        assertThat(copied.toArray()).containsExactly(7, 8);
        assertThat(copied.length()).isEqualTo(2);
        assertThat(copied).hasToString("[7, 8]");
        assertThatThrownBy(() -> new ServedIntArray(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void eachElementIsAnAtomicInteger() {
        array.set(1, 20);
        assertThat(array.get(1)).isEqualTo(20);
        assertThat(array.getAndSet(1, 21)).isEqualTo(20);
        assertThat(array.compareAndSet(1, 20, 0)).isFalse();
        assertThat(array.compareAndSet(1, 21, 22)).isTrue();
        assertThat(array.getAndAdd(1, 3)).isEqualTo(22);

        assertThat(array.toArray()).containsExactly(1, 25, 3, 4);
    }

    @Test
    void theInterfacesAdditionsAndUpdatesRunOnGetAndAddAndCompareAndSet() {
        assertThat(array.addAndGet(0, 2)).isEqualTo(3);
        assertThat(array.incrementAndGet(0)).isEqualTo(4);
        assertThat(array.decrementAndGet(0)).isEqualTo(3);
        assertThat(array.getAndIncrement(0)).isEqualTo(3);
        assertThat(array.getAndDecrement(0)).isEqualTo(4);
        assertThat(array.updateAndGet(2, x -> x * 10)).isEqualTo(30);
        assertThat(array.getAndUpdate(2, x -> x + 1)).isEqualTo(30);
        assertThat(array.accumulateAndGet(3, 40, Math::max)).isEqualTo(40);
        assertThat(array.getAndAccumulate(3, 50, Math::max)).isEqualTo(40);

        assertThat(array.toArray()).containsExactly(3, 2, 31, 50);
    }

    @Test
    void anIndexOutOfRangeIsRefused() {
        assertThatThrownBy(() -> array.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.set(4, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.getAndSet(4, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.compareAndSet(4, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.getAndAdd(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.incrementAndGet(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.updateAndGet(4, x -> x)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copyToCopiesARangeAndRefusesOneOutOfEitherArrayCopyingNothing() {
        int[] target = {-1, -1, -1, -1, -1};

        array.copyTo(1, target, 2, 3);
        array.copyTo(4, target, 5, 0);

        assertThat(target).containsExactly(-1, -1, 2, 3, 4);
        int[] untouched = {-1, -1};
        assertThatThrownBy(() -> array.copyTo(3, untouched, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(0, untouched, 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(-1, untouched, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(0, untouched, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(0, untouched, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(untouched).containsExactly(-1, -1);
    }

    @Test
    void copyFromCopiesARangeAndRefusesOneOutOfEitherArrayCopyingNothing() {
        array.copyFrom(new int[] {9, 8, 7}, 1, 2, 2);
        array.copyFrom(new int[0], 0, 4, 0);

        assertThat(array.toArray()).containsExactly(1, 2, 8, 7);
        int[] source = {5, 5};
        assertThatThrownBy(() -> array.copyFrom(source, 0, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(source, 1, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(source, 0, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(source, 0, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(array.toArray()).containsExactly(1, 2, 8, 7);
    }

    @Test
    void fillSetsEveryElement() {
        array.fill(6);

        assertThat(array.toArray()).containsExactly(6, 6, 6, 6);
    }

    @Test
    void incrementsFromFourThreadsAreNoneLostAndTouchNoOtherElement() throws Exception {
        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                array.incrementAndGet(1);
                array.accumulateAndGet(2, 1, Integer::sum);
            }
            return null;
        });

        assertThat(array.toArray()).containsExactly(1, 40_002, 40_003, 4);
    }

    @Test
    void aBufferViewIsRefusedPointingToTheCopies() {
        assertThatThrownBy(array::asBuffer)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("a manager's array lives in its server process: copy it with copyTo, copyFrom or toArray");
    }

    @Test
    void theLockIsAReentrantLockOfItsOwnTheSameEachCall() {
        assertThat(array.lock()).isInstanceOf(ServedReentrantLock.class).isSameAs(array.lock());
        assertThat(array.lock()).isNotSameAs(new ServedIntArray(4).lock());
    }
}
