package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedByteArrayTest {

    private final ServedByteArray array = new ServedByteArray(new byte[] {1, 2, 3, 4});

    @Test
    void aNewArrayIsZeroedAndOneMadeFromContentHoldsACopyOfIt() {
        byte[] content = {7, -8};
        ServedByteArray copied = new ServedByteArray(content);
        content[0] = 0;

        assertThat(new ServedByteArray(3).toArray()).containsExactly(0, 0, 0);
        assertThat(copied.toArray()).containsExactly(7, -8);
        assertThat(copied.length()).isEqualTo(2);
        assertThat(copied).hasToString("[7, -8]");
        assertThatThrownBy(() -> new ServedByteArray(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getSetAndCompareAndSetTouchOneByte() {
        array.set(1, (byte) -1);
        assertThat(array.get(1)).isEqualTo((byte) -1);
        assertThat(array.compareAndSet(1, (byte) 0, (byte) 5)).isFalse();
        assertThat(array.compareAndSet(1, (byte) -1, (byte) 5)).isTrue();

        assertThat(array.toArray()).containsExactly(1, 5, 3, 4);
    }

    @Test
    void anIndexOutOfRangeIsRefused() {
        assertThatThrownBy(() -> array.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.set(4, (byte) 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.compareAndSet(4, (byte) 0, (byte) 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copiesTakeRangesAndRefuseOnesOutOfEitherArrayCopyingNothing() {
        byte[] target = {-1, -1, -1};
        array.copyTo(2, target, 1, 2);
        array.copyTo(4, target, 3, 0);
        assertThat(target).containsExactly(-1, 3, 4);

        array.copyFrom(new byte[] {9, 8, 7}, 1, 0, 2);
        assertThat(array.toArray()).containsExactly(8, 7, 3, 4);

        assertThatThrownBy(() -> array.copyTo(3, target, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(0, target, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyTo(0, target, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(target, 0, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(target, 2, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.copyFrom(target, -1, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(target).containsExactly(-1, 3, 4);
        assertThat(array.toArray()).containsExactly(8, 7, 3, 4);
    }

    @Test
    void fillSetsEveryElement() {
        array.fill((byte) 6);

        assertThat(array.toArray()).containsExactly(6, 6, 6, 6);
    }

    @Test
    void compareAndSetsFromFourThreadsOnNeighbouringBytesLoseNoUpdate() throws Exception {
        ServedByteArray counters = new ServedByteArray(5);
        AtomicInteger threads = new AtomicInteger();

        ConnectionThread.runOnEach(4, () -> {
            int own = threads.getAndIncrement();
            for (int i = 0; i < 10_000; i++) {
                increment(counters, own);
                increment(counters, 4);
            }
            return null;
        });

        // each counter wraps around: 10,000 is 16 modulo 256, 40,000 is 64
        assertThat(counters.toArray()).containsExactly(16, 16, 16, 16, 64);
    }

    private static void increment(ServedByteArray counters, int index) {
        byte old;
        do {
            old = counters.get(index);
        } while (!counters.compareAndSet(index, old, (byte) (old + 1)));
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
        assertThat(array.lock()).isNotSameAs(new ServedByteArray(4).lock());
    }
}
