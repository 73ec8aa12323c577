package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.Buffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedArray;
import org.multiprocessing4j.SharedByteArray;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedIntArray;
import org.multiprocessing4j.SharedLongArray;

/**
 * Shared arrays across child JVMs: slices written by children and read by the parent, atomic and
 * locked updates, buffer views of the shared memory, crossing into children, and the exceptions
 * of bad indexes and lengths. CPython's {@code _TestArray} cases are here under their names.
 */
@Timeout(120)
// a pool is closed by a BoundedClose resource that the block itself does not use
@SuppressWarnings("try")
public abstract class SharedArrayContract extends ContextContract {

    private static final int PROCESSES = 4;
    private static final int LOCAL_INCREMENTS = 20_000;

    /**
     * Whether the context's arrays have buffer views: not if they are kept outside this process's
     * memory, and then {@code asBuffer()} must refuse, saying how to copy instead.
     *
     * @return whether arrays have buffer views
     */
    protected boolean hasBufferViews() {
        return true;
    }

    /**
     * The length of the array that children fill element by element and this process reads
     * element by element: 100 003 (a multiple neither of the number of children nor of 8),
     * unless a backend whose every element is a network round trip says fewer.
     *
     * @return the length
     */
    protected int largeArrayLength() {
        return 100_003;
    }

    @ParameterizedTest
    @EnumSource(SharedArrayKind.class)
    void eachChildWritesItsSliceAndTheParentReadsEveryElement(SharedArrayKind kind) {
        int length = largeArrayLength();
        SharedArray array = kind.make(context(), length, null);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            int from = p * length / PROCESSES;
            int to = (p + 1) * length / PROCESSES;
            children.add(start(() -> {
                for (int i = from; i < to; i++) {
                    kind.set(array, i, SharedArrayKind.valueAt(i));
                }
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);
        long[] expected = IntStream.range(0, length).mapToLong(SharedArrayKind::valueAt).toArray();
        assertThat(kind.toArray(array)).isEqualTo(expected);
        assertThat(IntStream.range(0, length).mapToLong(i -> kind.get(array, i)).toArray()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(SharedArrayKind.class)
    void plainWritesBeforeAStartAreSeenByTheChildAndTheChildsAreSeenAfterItsJoin(SharedArrayKind kind) {
        int length = Math.min(1_003, largeArrayLength());
        SharedArray array = kind.make(context(), length, null);
        for (int i = 0; i < length; i++) {
            kind.setPlain(array, i, SharedArrayKind.valueAt(i));
        }
        ChildProcess child = start(() -> {
            for (int i = 0; i < length; i++) {
                long seen = kind.getPlain(array, i);
                if (seen != SharedArrayKind.valueAt(i)) {
                    throw new IllegalStateException("element " + i + " is " + seen);
                }
                kind.setPlain(array, i, -seen);
            }
        });
        assertExitsCleanly(child);
        long[] negated = IntStream.range(0, length).mapToLong(i -> -SharedArrayKind.valueAt(i)).toArray();
        assertThat(IntStream.range(0, length).mapToLong(i -> kind.getPlain(array, i)).toArray()).isEqualTo(negated);
    }

    static Stream<Named<SharedCounter.Factory>> atomicCounters() {
        return Stream.of(
                Named.of("SharedIntArray.incrementAndGet", mp -> {
                    SharedIntArray array = mp.rawSharedIntArray(3);
                    return new SharedCounter(() -> array.incrementAndGet(1), () -> (long) array.get(1));
                }),
                Named.of("SharedLongArray.getAndAdd", mp -> {
                    SharedLongArray array = mp.sharedLongArray(3);
                    return new SharedCounter(() -> array.getAndAdd(2, 1), () -> array.get(2));
                }),
                Named.of("SharedLongArray.accumulateAndGet", mp -> {
                    SharedLongArray array = mp.rawSharedLongArray(1);
                    return new SharedCounter(() -> array.accumulateAndGet(0, 1, Long::sum), () -> array.get(0));
                }),
                Named.of("SharedDoubleArray.addAndGet", mp -> {
                    SharedDoubleArray array = mp.rawSharedDoubleArray(2);
                    return new SharedCounter(() -> array.addAndGet(0, 1), () -> (long) array.get(0));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atomicCounters")
    void fourProcessesCountingOneElementAtomicallyEndExact(SharedCounter.Factory factory) throws Exception {
        SharedCounter counter = factory.apply(context());
        runInChildrenAtOnce(PROCESSES, increments(), counter.increment());
        assertThat(counter.total().call()).isEqualTo(PROCESSES * increments());
    }

    @Test
    void fourProcessesUpdatingTwoElementsUnderTheArraysLockEndExactAndEqual() throws Exception {
        SharedLongArray pair = context().sharedLongArray(2);
        runInChildrenAtOnce(PROCESSES, increments(), () -> {
            RobustLock lock = pair.lock();
            lock.lock();
            try {
                long read = pair.get(0);
                // widens the window in which an unguarded update of another process would be lost
                Thread.onSpinWait();
                pair.set(0, read + 1);
                pair.set(1, pair.get(1) + 1);
            } finally {
                lock.unlock();
            }
        });
        assertThat(pair.toArray()).containsExactly(PROCESSES * increments(), PROCESSES * increments());
    }

    @Test
    void byteCompareAndSetChangesItsByteAloneWhileOtherProcessesChangeTheBytesBesideIt() throws Exception {
        SharedByteArray bytes = context().rawSharedByteArray(PROCESSES);
        ProcessContext mp = context();
        int increments = increments();
        ProcessBarrier start = mp.barrier(PROCESSES);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            int mine = p;
            children.add(start(() -> {
                start.await();
                for (int i = 0; i < increments; i++) {
                    byte old = bytes.get(mine);
                    // only this process changes this byte: a failure would mean another's change was taken for it
                    if (!bytes.compareAndSet(mine, old, (byte) (old + 1))) {
                        throw new AssertionError("byte " + mine + " changed under its only writer");
                    }
                }
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);
        byte expected = (byte) increments;
        assertThat(bytes.toArray()).containsOnly(expected);
        assertThat(bytes.compareAndSet(0, (byte) (expected + 1), (byte) 0)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SharedArrayKind.class)
    void theBufferViewSeesWhatAnotherProcessWritesAndWritesThroughToIt(SharedArrayKind kind) throws Exception {
        assumeTrue(hasBufferViews(), "the context's arrays have no buffer views");
        ProcessContext mp = context();
        SharedArray array = kind.make(mp, 16, mp.lock());
        Buffer view = kind.view(array);
        kind.set(view, 3, 42);
        ProcessQueue<Long> seenByTheChild = mp.queue();
        assertExitsCleanly(start(() -> {
            Buffer childView = kind.view(array);
            seenByTheChild.put(kind.get(childView, 3));
            kind.set(childView, 7, -5);
            kind.set(array, 8, 9);
        }));
        assertThat(seenByTheChild.poll(PATIENCE)).isEqualTo(42);
        assertThat(kind.get(array, 3)).isEqualTo(42);
        assertThat(kind.get(view, 7)).as("a view made before the child wrote").isEqualTo(-5);
        assertThat(kind.get(view, 8)).isEqualTo(9);
    }

    @Test
    void bufferViewsSpanTheArrayInTheNativeByteOrder() {
        assumeTrue(hasBufferViews(), "the context's arrays have no buffer views");
        ProcessContext mp = context();
        SharedIntArray ints = mp.sharedIntArray(5);
        SharedLongArray longs = mp.sharedLongArray(5);
        SharedDoubleArray doubles = mp.sharedDoubleArray(5);
        SharedByteArray bytes = mp.sharedByteArray(5);
        for (Buffer view : List.of(ints.asBuffer(), longs.asBuffer(), doubles.asBuffer(), bytes.asBuffer())) {
            assertThat(List.of(view.position(), view.limit(), view.capacity())).containsExactly(0, 5, 5);
            assertThat(view.isDirect()).isTrue();
        }
        assertThat(List.of(ints.asBuffer().order(), longs.asBuffer().order(), doubles.asBuffer().order(),
                bytes.asBuffer().order())).containsOnly(ByteOrder.nativeOrder());
        bytes.asBuffer().putInt(0, 0x01020304);
        ints.asBuffer().position(3);
        assertThat(ints.asBuffer().position()).as("each call makes a new buffer").isZero();
        assertThat(bytes.asBuffer().getInt(0)).isEqualTo(0x01020304);
    }

    @ParameterizedTest
    @EnumSource(SharedArrayKind.class)
    void withoutBufferViewsAsBufferRefusesSayingHowToCopyInstead(SharedArrayKind kind) {
        assumeFalse(hasBufferViews(), "the context's arrays have buffer views");
        SharedArray array = kind.make(context(), 4, null);
        assertThatThrownBy(() -> kind.view(array)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("copyTo");
    }

    @Test
    void anArrayCrossesInATargetThroughAQueueThroughAPipeAndAsAPoolTaskArgument() throws Exception {
        ProcessContext mp = context();
        SharedDoubleArray array = mp.sharedDoubleArray(4);
        assertExitsCleanly(start(() -> array.set(0, 0.5)));

        ProcessQueue<SharedDoubleArray> queue = mp.queue();
        ChildProcess taker = start(() -> queue.take().set(1, 1.5));
        queue.put(array);
        assertExitsCleanly(taker);

        Pipe pipe = mp.pipe();
        PipeEnd childEnd = pipe.right();
        ChildProcess receiver = start(() -> childEnd.recv(SharedDoubleArray.class).set(2, 2.5));
        pipe.left().send(array);
        assertExitsCleanly(receiver);

        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            assertThat(pool.map(shared -> shared.addAndGet(3, 1.75), List.of(array, array))).containsOnly(1.75, 3.5);
        }
        assertThat(array.toArray()).containsExactly(0.5, 1.5, 2.5, 3.5);
    }

    @Test
    void testArray_anArrayFilledHereAndSummedInAChildHoldsThePrefixSums() throws Exception {
        assertPrefixSumsOfAChild(context().sharedIntArray(10));
    }

    @Test
    void testRawarray_aRawArrayFilledHereAndSummedInAChildHoldsThePrefixSums() throws Exception {
        assertPrefixSumsOfAChild(context().rawSharedIntArray(10));
    }

    private void assertPrefixSumsOfAChild(SharedIntArray array) {
        int[] seq = {680, 626, 934, 821, 150, 233, 548, 982, 714, 831};
        array.copyFrom(seq, 0, 0, seq.length);
        assertThat(array.length()).isEqualTo(seq.length);
        assertThat(array.get(3)).isEqualTo(seq[3]);
        int[] slice = new int[5];
        array.copyTo(2, slice, 0, 5);
        assertThat(slice).containsExactly(Arrays.copyOfRange(seq, 2, 7));
        int[] replacement = {1, 2, 3, 4};
        array.copyFrom(replacement, 0, 4, 4);
        System.arraycopy(replacement, 0, seq, 4, 4);
        assertThat(array.toArray()).containsExactly(seq);

        Arrays.parallelPrefix(seq, Integer::sum);
        assertExitsCleanly(start(() -> {
            for (int i = 1; i < array.length(); i++) {
                array.set(i, array.get(i) + array.get(i - 1));
            }
        }));
        assertThat(array.toArray()).containsExactly(seq);
    }

    @ParameterizedTest
    @EnumSource(SharedArrayKind.class)
    void testArrayFromSize_everyNewArrayStartsAllZero(SharedArrayKind kind) {
        for (int round = 0; round < 3; round++) {
            SharedArray array = kind.make(context(), 10, context().lock());
            assertThat(array.length()).isEqualTo(10);
            assertThat(kind.toArray(array)).containsOnly(0);
            kind.fill(array, 9);
            assertThat(kind.toArray(array)).containsOnly(9);
        }
        assertThat(kind.toArray(kind.make(context(), 0, null))).isEmpty();
    }

    @Test
    void testGetobjGetlockObj_anArrayHasALockOfItsOwnOrTheOneItWasGivenAndARawArrayHasNone() {
        ProcessContext mp = context();
        SharedIntArray own = mp.sharedIntArray(10);
        assertThat(own.lock()).isInstanceOf(ProcessReentrantLock.class).isSameAs(own.lock());
        assertThat(mp.sharedIntArray(10).lock()).isNotSameAs(own.lock());
        ProcessLock lock = mp.lock();
        assertThat(mp.sharedIntArray(10, lock).lock()).isSameAs(lock);
        assertThat(mp.sharedDoubleArray(10, lock).lock()).isSameAs(lock);
        assertThatThrownBy(() -> mp.sharedIntArray(10, null)).isInstanceOf(NullPointerException.class);
        for (SharedArray raw : List.of(mp.rawSharedIntArray(10), mp.rawSharedLongArray(10), mp.rawSharedDoubleArray(10),
                mp.rawSharedByteArray(10))) {
            assertThatThrownBy(raw::lock).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void theAtomicMethodsOfSharedArraysReturnWhatAtomicArraysReturn() {
        ProcessContext mp = context();
        SharedIntArray ints = mp.sharedIntArray(2);
        ints.set(1, 7);
        assertThat(List.of(ints.getAndIncrement(1), ints.incrementAndGet(1), ints.getAndDecrement(1),
                ints.decrementAndGet(1), ints.getAndAdd(1, 5), ints.addAndGet(1, -2), ints.getAndSet(1, 40),
                ints.compareAndSet(1, 41, 0), ints.compareAndSet(1, 40, 41), ints.getAndUpdate(1, x -> x * 2),
                ints.updateAndGet(1, x -> x + 1), ints.getAndAccumulate(1, 3, Math::max), ints.get(0)))
                .containsExactly(7, 9, 9, 7, 7, 10, 10, false, true, 41, 83, 83, 0);
        assertThat(ints).hasToString("[0, 83]");

        SharedLongArray longs = mp.rawSharedLongArray(1);
        assertThat(List.of(longs.getAndSet(0, Long.MAX_VALUE), longs.incrementAndGet(0), longs.decrementAndGet(0),
                longs.compareAndSet(0, Long.MAX_VALUE, 3), longs.getAndIncrement(0), longs.getAndDecrement(0),
                longs.updateAndGet(0, x -> -x), longs.getAndUpdate(0, x -> x * 10),
                longs.getAndAccumulate(0, 5, Long::sum), longs.addAndGet(0, 2), longs.get(0)))
                .containsExactly(0L, Long.MIN_VALUE, Long.MAX_VALUE, true, 3L, 4L, -3L, -3L, -30L, -23L, -23L);

        SharedDoubleArray doubles = mp.sharedDoubleArray(1);
        doubles.set(0, -0.0);
        assertThat(doubles.compareAndSet(0, 0.0, 1)).as("0.0 and -0.0 differ in their bits").isFalse();
        assertThat(List.of(doubles.compareAndSet(0, -0.0, 0.5), doubles.getAndAdd(0, 0.25), doubles.addAndGet(0, 0.25),
                doubles.getAndSet(0, 3), doubles.getAndUpdate(0, x -> x * 2), doubles.updateAndGet(0, x -> x + 0.5)))
                .containsExactly(true, 0.5, 1.0, 1.0, 3.0, 6.5);
    }

    @Test
    void bulkCopiesCopyTheRangesTheyAreGiven() {
        SharedLongArray longs = context().rawSharedLongArray(6);
        longs.copyFrom(new long[] {9, 1, 2, 3, 9}, 1, 2, 3);
        assertThat(longs.toArray()).containsExactly(0, 0, 1, 2, 3, 0);
        long[] target = {7, 7, 7, 7};
        longs.copyTo(3, target, 1, 2);
        assertThat(target).containsExactly(7, 2, 3, 7);
        longs.copyTo(6, target, 4, 0);
        longs.fill(-1);
        assertThat(longs.toArray()).containsOnly(-1);

        SharedByteArray bytes = context().rawSharedByteArray(3);
        bytes.copyFrom(new byte[] {1, 2, 3}, 0, 0, 3);
        byte[] out = new byte[3];
        bytes.copyTo(0, out, 0, 3);
        assertThat(out).containsExactly(1, 2, 3);
        assertThat(bytes.compareAndSet(2, (byte) 3, (byte) -3)).as("the last byte, in a word of its own").isTrue();
        assertThat(bytes).hasToString("[1, 2, -3]");
    }

    @ParameterizedTest
    @EnumSource(SharedArrayKind.class)
    void anIndexOutOfTheArrayThrowsIndexOutOfBoundsException(SharedArrayKind kind) {
        SharedArray array = kind.make(context(), 5, null);
        for (int index : new int[] {-1, 5, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> kind.get(array, index)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> kind.set(array, index, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> kind.getPlain(array, index)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> kind.setPlain(array, index, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        if (hasBufferViews()) {
            assertThatThrownBy(() -> kind.get(kind.view(array), 5)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(LongStream.of(kind.toArray(array))).containsOnly(0L);
    }

    @Test
    void aRangeOutOfEitherArrayThrowsIndexOutOfBoundsExceptionAndCopiesNothing() {
        SharedLongArray longs = context().sharedLongArray(5);
        long[] five = {1, 2, 3, 4, 5};
        assertThatThrownBy(() -> longs.copyFrom(five, 0, 1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> longs.copyFrom(five, 1, 0, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> longs.copyFrom(five, 0, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> longs.copyTo(4, new long[5], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> longs.copyTo(0, new long[1], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> longs.getAndAdd(5, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> longs.compareAndSet(-1, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(longs.toArray()).containsOnly(0);
        SharedByteArray bytes = context().sharedByteArray(5);
        assertThatThrownBy(() -> bytes.compareAndSet(5, (byte) 0, (byte) 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> bytes.copyTo(3, new byte[5], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aNegativeLengthIsRefusedWithIllegalArgumentException() {
        ProcessContext mp = context();
        List<Runnable> makers = List.of(() -> mp.sharedIntArray(-1), () -> mp.rawSharedLongArray(-1),
                () -> mp.sharedDoubleArray(-1, mp.lock()), () -> mp.rawSharedByteArray(-1));
        for (Runnable maker : makers) {
            assertThatThrownBy(maker::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        }
    }

    private int increments() {
        return contendedUpdates(LOCAL_INCREMENTS);
    }
}
