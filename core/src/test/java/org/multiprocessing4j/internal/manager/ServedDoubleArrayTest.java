package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedDoubleArrayTest {

    private final ServedDoubleArray array = new ServedDoubleArray(new double[] {1.5, 2.5, -0.0, Double.NaN});

    @Test
    void aNewArrayIsZeroedAndOneMadeFromContentHoldsACopyOfItToTheBit() {
        double[] content = {-0.0, 8.0};
        ServedDoubleArray copied = new ServedDoubleArray(content);
        content[1] = 0.0;

        assertThat(new ServedDoubleArray(2).toArray()).containsExactly(0.0, 0.0);
        assertThat(Double.doubleToRawLongBits(copied.get(0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(copied.get(1)).isEqualTo(8.0);
        assertThat(copied.length()).isEqualTo(2);
        assertThat(copied).hasToString("[-0.0, 8.0]");
        assertThatThrownBy(() -> new ServedDoubleArray(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getSetAndGetAndSetKeepEachElementToTheBit() {
        array.set(0, 3.5);
        assertThat(array.get(0)).isEqualTo(3.5);
        assertThat(array.getAndSet(0, -0.0)).isEqualTo(3.5);
        assertThat(Double.doubleToRawLongBits(array.get(0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void compareAndSetComparesBitsNotEquality() {
        assertThat(array.compareAndSet(2, 0.0, 1.0)).as("-0.0 == 0.0, but its bits differ").isFalse();
        assertThat(array.compareAndSet(2, -0.0, 1.0)).isTrue();
        assertThat(array.compareAndSet(3, Double.NaN, 2.0)).as("NaN != NaN, but its bits are the same").isTrue();
        assertThat(array.compareAndSet(1, 9.0, 0.0)).isFalse();

        assertThat(array.toArray()).containsExactly(1.5, 2.5, 1.0, 2.0);
    }

    @Test
    void theInterfacesAdditionsAndUpdatesRunOnCompareAndSet() {
        assertThat(array.getAndAdd(0, 1.0)).isEqualTo(1.5);
        assertThat(array.addAndGet(0, 0.5)).isEqualTo(3.0);
        assertThat(array.updateAndGet(1, x -> x * 2)).isEqualTo(5.0);
        assertThat(array.getAndUpdate(1, x -> x - 1)).isEqualTo(5.0);

        assertThat(array.get(1)).isEqualTo(4.0);
    }

    @Test
    void anIndexOutOfRangeIsRefused() {
        assertThatThrownBy(() -> array.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.set(-1, 0.0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.getAndSet(4, 0.0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.compareAndSet(4, 0.0, 1.0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.addAndGet(4, 1.0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copiesTakeRangesAndRefuseOnesOutOfEitherArrayCopyingNothing() {
        double[] target = {9.0, 9.0, 9.0};
        array.copyTo(0, target, 1, 2);
        assertThat(target).containsExactly(9.0, 1.5, 2.5);

        array.copyFrom(new double[] {7.0, 6.0, 5.0}, 1, 2, 2);
        assertThat(array.toArray()).containsExactly(1.5, 2.5, 6.0, 5.0);

        assertThatThrownBy(() -> array.copyTo(3, target, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(0, target, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(target, 0, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(target, 2, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(target).containsExactly(9.0, 1.5, 2.5);
        assertThat(array.toArray()).containsExactly(1.5, 2.5, 6.0, 5.0);
    }

    @Test
    void fillSetsEveryElement() {
        array.fill(0.25);

        assertThat(array.toArray()).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void additionsFromFourThreadsAreNoneLostAndTouchNoOtherElement() throws Exception {
        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                array.addAndGet(1, 1.0);
            }
            return null;
        });

        assertThat(array.get(0)).isEqualTo(1.5);
        assertThat(array.get(1)).isEqualTo(40_002.5);
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
        assertThat(array.lock()).isNotSameAs(new ServedDoubleArray(4).lock());
    }
}
