package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedBoolean;
import org.multiprocessing4j.SharedDouble;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedInt;
import org.multiprocessing4j.SharedLong;
import org.multiprocessing4j.SharedString;
import org.multiprocessing4j.SharedValue;

/**
 * Shared values across child JVMs: atomic updates, compound updates under the value's lock, the
 * three kinds of lock, crossing into children, and strings that are never torn. CPython's
 * {@code _TestValue} and {@code _TestSharedCTypes} cases are here under their names.
 */
@Timeout(120)
// a pool is closed by a BoundedClose resource that the block itself does not use
@SuppressWarnings("try")
public abstract class SharedValueContract extends ContextContract {

    private static final int PROCESSES = 4;
    private static final int LOCAL_INCREMENTS = 20_000;

    static Stream<Named<SharedCounter.Factory>> atomicCounters() {
        return Stream.of(
                Named.of("SharedInt.incrementAndGet", mp -> {
                    SharedInt value = mp.sharedInt(0);
                    return new SharedCounter(value::incrementAndGet, () -> (long) value.get());
                }),
                Named.of("SharedLong.getAndIncrement", mp -> {
                    SharedLong value = mp.sharedLong(0);
                    return new SharedCounter(value::getAndIncrement, value::get);
                }),
                Named.of("raw SharedLong.addAndGet", mp -> {
                    SharedLong value = mp.rawSharedLong(0);
                    return new SharedCounter(() -> value.addAndGet(1), value::get);
                }),
                Named.of("SharedLong.updateAndGet", mp -> {
                    SharedLong value = mp.sharedLong(0);
                    return new SharedCounter(() -> value.updateAndGet(x -> x + 1), value::get);
                }),
                Named.of("SharedInt.accumulateAndGet", mp -> {
                    SharedInt value = mp.rawSharedInt(0);
                    return new SharedCounter(() -> value.accumulateAndGet(1, Integer::sum), () -> (long) value.get());
                }),
                Named.of("SharedDouble.addAndGet", mp -> {
                    SharedDouble value = mp.sharedDouble(0);
                    return new SharedCounter(() -> value.addAndGet(1), () -> (long) value.get());
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atomicCounters")
    void fourProcessesCountingAtomicallyWithoutTheLockEndExact(SharedCounter.Factory factory) throws Exception {
        SharedCounter counter = factory.apply(context());
        runInChildrenAtOnce(PROCESSES, increments(), counter.increment());
        assertThat(counter.total().call()).isEqualTo(PROCESSES * increments());
    }

    static Stream<Named<Function<ProcessContext, SharedLong>>> guardedValues() {
        return Stream.of(
                Named.of("its own lock", mp -> mp.sharedLong(0)),
                Named.of("a lock given to it", mp -> mp.sharedLong(0, mp.lock())),
                Named.of("a reentrant lock given to it", mp -> mp.sharedLong(0, mp.reentrantLock())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guardedValues")
    void fourProcessesReadingComputingAndWritingUnderTheValuesLockEndExact(Function<ProcessContext, SharedLong> factory)
            throws Exception {
        SharedLong value = factory.apply(context());
        runInChildrenAtOnce(PROCESSES, increments(), () -> {
            RobustLock lock = value.lock();
            lock.lock();
            try {
                long read = value.get();
                // widens the window in which an unguarded update of another process would be lost
                Thread.onSpinWait();
                value.set(read + 1);
            } finally {
                lock.unlock();
            }
        });
        assertThat(value.get()).isEqualTo(PROCESSES * increments());
    }

    @Test
    void twoValuesGuardedByOneLockChangeTogetherForEveryProcess() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        // half as many units as there are moves, so that the moves run out of units midway
        int units = PROCESSES * increments() / 2;
        SharedInt left = mp.sharedInt(units, lock);
        SharedInt right = mp.sharedInt(0, lock);
        ProcessQueue<Boolean> unbalanced = mp.queue();
        // moves one unit at a time from left to right; every process sees the sum kept
        runInChildrenAtOnce(PROCESSES, increments(), () -> {
            lock.lock();
            try {
                if (left.get() + right.get() != units) {
                    unbalanced.put(true);
                }
                if (left.get() > 0) {
                    left.set(left.get() - 1);
                    right.set(right.get() + 1);
                }
            } finally {
                lock.unlock();
            }
        });
        assertThat(unbalanced.poll()).isNull();
        assertThat(left.get()).isZero();
        assertThat(right.get()).isEqualTo(units);
        assertThat(left.lock()).isSameAs(lock).isSameAs(right.lock());
    }

    @Test
    void testValue_aValueOfEachTypeSetInAChildIsReadByTheParent() throws Exception {
        ProcessContext mp = context();
        assertEachTypeSetInAChildIsReadHere(mp.sharedInt(4343), mp.sharedDouble(3.625), mp.sharedLong(1L << 33),
                mp.sharedBoolean(false), mp.sharedString(8, "x"));
    }

    @Test
    void testRawvalue_aRawValueOfEachTypeSetInAChildIsReadByTheParent() throws Exception {
        ProcessContext mp = context();
        assertEachTypeSetInAChildIsReadHere(mp.rawSharedInt(4343), mp.rawSharedDouble(3.625),
                mp.rawSharedLong(1L << 33), mp.rawSharedBoolean(false), mp.rawSharedString(8, "x"));
    }

    private void assertEachTypeSetInAChildIsReadHere(SharedInt i, SharedDouble d, SharedLong q, SharedBoolean b,
            SharedString s) {
        assertThat(List.of(i.get(), d.get(), q.get(), b.get(), s.get()))
                .containsExactly(4343, 3.625, 1L << 33, false, "x");
        assertExitsCleanly(start(() -> {
            i.set(24234);
            d.set(-4.25);
            q.set(1L << 34);
            b.set(true);
            s.set("y");
        }));
        assertThat(List.of(i.get(), d.get(), q.get(), b.get(), s.get()))
                .containsExactly(24234, -4.25, 1L << 34, true, "y");
    }

    @Test
    void testSharedctypes_rawValuesAnArrayAndAStringDoubledInAChildAreReadDoubledByTheParent() {
        ProcessContext mp = context();
        assertDoubledInAChild(mp.rawSharedInt(7), mp.rawSharedDouble(1.0 / 3.0), mp.rawSharedLong(1L << 33),
                mp.rawSharedDoubleArray(10), mp.rawSharedString(20, "hello"));
    }

    @Test
    void testSynchronize_valuesAnArrayAndAStringWithLocksDoubledInAChildAreReadDoubledByTheParent() {
        ProcessContext mp = context();
        assertDoubledInAChild(mp.sharedInt(7), mp.sharedDouble(1.0 / 3.0), mp.sharedLong(1L << 33),
                mp.sharedDoubleArray(10), mp.sharedString(20, "hello"));
    }

    /** Python's {@code _double}: the child doubles each. */
    private void assertDoubledInAChild(SharedInt x, SharedDouble y, SharedLong z, SharedDoubleArray arr,
            SharedString string) {
        for (int i = 0; i < arr.length(); i++) {
            arr.set(i, i);
        }
        assertExitsCleanly(start(() -> {
            x.set(x.get() * 2);
            y.set(y.get() * 2);
            z.set(z.get() * 2);
            for (int i = 0; i < arr.length(); i++) {
                arr.set(i, arr.get(i) * 2);
            }
            string.set(string.get().repeat(2));
        }));
        assertThat(x.get()).isEqualTo(14);
        assertThat(y.get()).isCloseTo(2.0 / 3.0, within(1e-15));
        assertThat(z.get()).isEqualTo(1L << 34);
        assertThat(arr.toArray()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(string.get()).isEqualTo("hellohello");
    }

    @Test
    void testGetobjGetlock_aValueHasALockOfItsOwnOrTheOneItWasGivenAndARawValueHasNone() {
        ProcessContext mp = context();
        SharedInt own = mp.sharedInt(5);
        assertThat(own.lock()).isInstanceOf(ProcessReentrantLock.class).isSameAs(own.lock());
        assertThat(mp.sharedInt(5).lock()).isNotSameAs(own.lock());
        ProcessLock lock = mp.lock();
        assertThat(mp.sharedInt(5, lock).lock()).isSameAs(lock);
        assertThatThrownBy(() -> mp.sharedInt(5, null)).isInstanceOf(NullPointerException.class);
        for (SharedValue raw : List.of(mp.rawSharedInt(5), mp.rawSharedLong(5), mp.rawSharedDouble(5),
                mp.rawSharedBoolean(true), mp.rawSharedString(5, "five"))) {
            assertThatThrownBy(raw::lock).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aValuesLockIsOwnedAcrossProcessesAndItsDefaultLockIsReentrantThere() throws Exception {
        ProcessContext mp = context();
        ProcessLock given = mp.lock();
        SharedLong guarded = mp.sharedLong(0, given);
        SharedLong own = mp.sharedLong(0);
        SharedLong raw = mp.rawSharedLong(0);
        ProcessQueue<List<Boolean>> seen = mp.queue();
        given.lock();
        try {
            ChildProcess child = start(() -> {
                boolean guardedIsHeld = !guarded.lock().tryLock();
                own.lock().lock();
                own.lock().lock();
                boolean ownIsReentrant = own.lock().isHeldByCurrentThread();
                own.lock().unlock();
                own.lock().unlock();
                boolean rawHasNone;
                try {
                    raw.lock();
                    rawHasNone = false;
                } catch (UnsupportedOperationException e) {
                    rawHasNone = true;
                }
                seen.put(List.of(guardedIsHeld, ownIsReentrant, rawHasNone));
            });
            assertThat(seen.poll(PATIENCE)).containsExactly(true, true, true);
            assertExitsCleanly(child);
        } finally {
            given.unlock();
        }
    }

    @Test
    void aValueCrossesInATargetThroughAQueueThroughAPipeAndAsAPoolTaskArgument() throws Exception {
        ProcessContext mp = context();
        SharedLong value = mp.sharedLong(0);
        assertExitsCleanly(start(() -> value.addAndGet(1)));

        ProcessQueue<SharedLong> queue = mp.queue();
        ChildProcess taker = start(() -> queue.take().addAndGet(10));
        queue.put(value);
        assertExitsCleanly(taker);

        Pipe pipe = mp.pipe();
        PipeEnd childEnd = pipe.right();
        ChildProcess receiver = start(() -> childEnd.recv(SharedLong.class).addAndGet(100));
        pipe.left().send(value);
        assertExitsCleanly(receiver);

        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            assertThat(pool.map(shared -> shared.addAndGet(1000) > 1000, List.of(value, value))).containsOnly(true);
        }
        assertThat(value.get()).isEqualTo(2111);
    }

    @Test
    void theAtomicMethodsOfSharedIntsAndLongsReturnWhatAtomicIntegersAndLongsReturn() {
        ProcessContext mp = context();
        SharedInt i = mp.sharedInt(7);
        assertThat(List.of(i.getAndIncrement(), i.incrementAndGet(), i.getAndDecrement(), i.decrementAndGet(),
                i.getAndAdd(5), i.addAndGet(-2), i.getAndSet(40), i.get())).containsExactly(7, 9, 9, 7, 7, 10, 10, 40);
        assertThat(List.of(i.compareAndSet(41, 0), i.compareAndSet(40, 41))).containsExactly(false, true);
        assertThat(List.of(i.getAndUpdate(x -> x * 2), i.updateAndGet(x -> x + 1), i.getAndAccumulate(3, Math::max),
                i.accumulateAndGet(100, Math::max), i.toString())).containsExactly(41, 83, 83, 100, "100");

        SharedLong q = mp.rawSharedLong(Long.MAX_VALUE - 1);
        assertThat(List.of(q.incrementAndGet(), q.incrementAndGet(), q.getAndAdd(-1), q.get()))
                .containsExactly(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(List.of(q.compareAndSet(Long.MAX_VALUE, 3), q.getAndUpdate(x -> -x), q.updateAndGet(x -> x * 10),
                q.getAndAccumulate(5, Long::sum), q.accumulateAndGet(2, Math::floorDiv)))
                .containsExactly(true, 3L, -30L, -30L, -13L);
    }

    @Test
    void aSharedDoubleComparesTheBitsOfValuesAndAddsAtomically() {
        SharedDouble d = context().sharedDouble(-0.0);
        assertThat(d.compareAndSet(0.0, 1)).as("0.0 and -0.0 differ in their bits").isFalse();
        assertThat(d.compareAndSet(-0.0, Double.NaN)).isTrue();
        assertThat(d.compareAndSet(Double.NaN, 0.5)).as("NaN matches the same NaN").isTrue();
        assertThat(List.of(d.getAndAdd(0.25), d.addAndGet(0.25), d.getAndSet(3), d.getAndUpdate(x -> x * 2),
                d.updateAndGet(x -> x + 0.5), d.get())).containsExactly(0.5, 1.0, 1.0, 3.0, 6.5, 6.5);
    }

    @Test
    void aSharedBooleanSwapsAtomically() {
        SharedBoolean flag = context().sharedBoolean(true);
        assertThat(List.of(flag.get(), flag.compareAndSet(false, true), flag.compareAndSet(true, false), flag.get(),
                flag.getAndSet(true), flag.get())).containsExactly(true, false, true, false, false, true);
        assertThat(flag).hasToString("true");
    }

    @Test
    void aSharedStringHoldsUpToItsCapacityInBytesOfUtf8AndRefusesMoreNamingBothLengths() {
        ProcessContext mp = context();
        SharedString s = mp.sharedString(5, "");
        assertThat(s.capacity()).isEqualTo(5);
        assertThat(s.get()).isEmpty();
        s.set("hello");
        assertThat(s.get()).isEqualTo("hello");
        s.set("é€");
        assertThat(s.get()).as("2 + 3 bytes").isEqualTo("é€");
        assertThatThrownBy(() -> s.set("hé€")).as("1 + 2 + 3 bytes").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6").hasMessageContaining("5");
        assertThat(s.get()).isEqualTo("é€");
        assertThatThrownBy(() -> mp.sharedString(3, "four")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4").hasMessageContaining("3");
        assertThatThrownBy(() -> mp.rawSharedString(-1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.set(null)).isInstanceOf(NullPointerException.class);
        assertThat(mp.rawSharedString(0, "").get()).isEmpty();
    }

    @Test
    void aSharedStringSwapsWholeStrings() {
        SharedString s = context().rawSharedString(16, "idle");
        assertThat(s.compareAndSet("busy", "done")).isFalse();
        assertThat(s.compareAndSet("idle", "busy")).isTrue();
        assertThat(s.getAndSet("done")).isEqualTo("busy");
        assertThat(s).hasToString("done");
    }

    @Test
    void readersNeverSeeATornStringWhileTwoProcessesWriteIt() throws Exception {
        ProcessContext mp = context();
        // long strings, so that a read takes long enough for writes to overtake it
        int capacity = 1 << 15;
        SharedString text = mp.rawSharedString(capacity, "");
        ProcessEvent stop = mp.event();
        ProcessSemaphore writing = mp.semaphore(0);
        List<ChildProcess> writers = new ArrayList<>();
        for (char letter : new char[] {'a', 'b'}) {
            writers.add(start(() -> {
                text.set(String.valueOf(letter));
                writing.release();
                for (int i = 1; !stop.isSet(); i++) {
                    // one letter repeated, of lengths spread over the capacity
                    text.set(String.valueOf(letter).repeat(1 + i * 7919 % capacity));
                }
            }));
        }
        try {
            writing.acquire(2);
            Set<Character> seen = new HashSet<>();
            // until both writers were seen, and many times anyway
            for (int reads = 0; reads < 20_000 || seen.size() < 2; reads++) {
                String read = text.get();
                assertThat(read).hasSizeBetween(1, capacity);
                char letter = read.charAt(0);
                if (read.indexOf(letter == 'a' ? 'b' : 'a') >= 0) {
                    throw new AssertionError("a torn string of " + read.length() + " letters");
                }
                seen.add(letter);
            }
        } finally {
            stop.set();
        }
        writers.forEach(ContextContract::assertExitsCleanly);
    }

    private int increments() {
        return contendedUpdates(LOCAL_INCREMENTS);
    }
}
