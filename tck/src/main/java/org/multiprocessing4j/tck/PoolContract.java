package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.UnserializableObjectException;

/** The Python calls of a pool, on two workers that live for the whole class. */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PoolContract extends ContextContract {

    private ProcessPool pool;

    @BeforeAll
    void startPool() {
        pool = context().pool(2);
    }

    @AfterAll
    void closePool() throws InterruptedException {
        close(pool);
    }

    @Test
    void testMap_theResultsComeInTheOrderOfTheInputsWhateverTheChunkSize() {
        assertThat(pool.map(n -> n * n, List.of(5, 10, 20))).containsExactly(25, 100, 400);
        List<Integer> many = IntStream.range(0, 10_000).boxed().toList();
        assertThat(pool.map(n -> n + 1, many, 7)).isEqualTo(many.stream().map(n -> n + 1).toList());
        assertThat(pool.map(n -> n, List.<Integer>of())).isEmpty();
    }

    @Test
    void tasksRunInTheWorkerProcessesNotHere() {
        Set<Long> pids = new HashSet<>(pool.map(n -> ProcessHandle.current().pid(), IntStream.range(0, 200).boxed().toList(), 1));
        assertThat(pids).doesNotContain(ProcessHandle.current().pid()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void testImap_theResultsComeInOrderAsTheStreamIsReadToItsEnd() {
        List<Integer> ten = IntStream.range(0, 10).boxed().toList();
        try (Stream<Integer> squares = pool.imap(PoolContract::square, ten)) {
            assertThat(squares.toList()).isEqualTo(squares(ten));
        }
        try (Stream<Integer> squares = pool.imap(PoolContract::square, ten)) {
            Iterator<Integer> it = squares.iterator();
            for (int i = 0; i < 10; i++) {
                assertThat(it.next()).isEqualTo(i * i);
            }
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
        List<Integer> thousand = IntStream.range(0, 1000).boxed().toList();
        try (Stream<Integer> squares = pool.imap(PoolContract::square, thousand, 100)) {
            assertThat(squares.toList()).isEqualTo(squares(thousand));
        }
    }

    @Test
    void testImapUnordered_everyResultComesOnceWhateverTheChunkSize() {
        List<Integer> ten = IntStream.range(0, 10).boxed().toList();
        try (Stream<Integer> squares = pool.imapUnordered(PoolContract::square, ten)) {
            assertThat(squares.toList()).containsExactlyInAnyOrderElementsOf(squares(ten));
        }
        List<Integer> thousand = IntStream.range(0, 1000).boxed().toList();
        try (Stream<Integer> squares = pool.imapUnordered(PoolContract::square, thousand, 100)) {
            assertThat(squares.toList()).containsExactlyInAnyOrderElementsOf(squares(thousand));
        }
    }

    @Test
    void aChunkSizeFarBeyondTheInputDeliversEveryResult() {
        List<Integer> three = List.of(1, 2, 3);
        try (Stream<Integer> squares = pool.imap(PoolContract::square, three, 1 << 24)) {
            assertThat(squares.toList()).containsExactly(1, 4, 9);
        }
        try (Stream<Integer> squares = pool.imapUnordered(PoolContract::square, three, Integer.MAX_VALUE)) {
            assertThat(squares.toList()).containsExactlyInAnyOrder(1, 4, 9);
        }
        assertThat(pool.map(PoolContract::square, three, Integer.MAX_VALUE)).containsExactly(1, 4, 9);
    }

    @Test
    void imapAndImapUnorderedTakeAnEndlessStreamLazily() {
        try (Stream<Integer> squares = pool.imap(n -> n * n, Stream.iterate(0, n -> n + 1), 4)) {
            assertThat(squares.limit(100).toList()).isEqualTo(IntStream.range(0, 100).map(n -> n * n).boxed().toList());
        }
        try (Stream<Integer> doubled = pool.imapUnordered(n -> n * 2, Stream.iterate(0, n -> n + 1))) {
            assertThat(doubled.limit(100).toList()).doesNotHaveDuplicates().allMatch(n -> n % 2 == 0);
        }
    }

    @Test
    void imapReadsNoInputWhenCalledAndThenABoundedWindowAheadOfTheResultsTaken() {
        AtomicInteger read = new AtomicInteger();
        Iterable<Integer> counted = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return read.getAndIncrement();
            }
        };
        try (Stream<Integer> doubled = pool.imap(n -> n * 2, counted, 2)) {
            assertThat(read).hasValue(0);
            Iterator<Integer> results = doubled.iterator();
            for (int i = 0; i < 10; i++) {
                assertThat(results.next()).isEqualTo(2 * i);
            }
            // the documented bound: 64 chunks per worker besides the results taken
            assertThat(read.get()).isBetween(10, 10 + 64 * pool.processes() * 2);
        }
    }

    @Test
    void testImapHandleIterableException_anInputThatThrowsEndsTheStreamWithItsExceptionAfterTheEarlierResults() {
        for (int attempt = 0; attempt < 2; attempt++) {
            BrokenInput atOnce = new BrokenInput(0);
            assertThat(resultsBefore(atOnce.failure(), pool.imap(PoolContract::square, atOnce, 1))).isEmpty();
        }
        BrokenInput atThree = new BrokenInput(3);
        try (Stream<Integer> results = pool.imap(PoolContract::square, atThree, 1)) {
            Iterator<Integer> it = results.iterator();
            for (int i = 0; i < 3; i++) {
                assertThat(it.next()).isEqualTo(i * i);
            }
            assertThatThrownBy(it::next).isSameAs(atThree.failure());
            assertThat(it.hasNext()).isFalse();
        }
        // where Python drops the results of the chunk the input broke in, every earlier result comes
        for (int chunkSize : new int[] {2, 4}) {
            BrokenInput atSeven = new BrokenInput(7);
            assertThat(resultsBefore(atSeven.failure(), pool.imap(PoolContract::square, atSeven, chunkSize)))
                    .as("in chunks of %d", chunkSize).containsExactly(0, 1, 4, 9, 16, 25, 36);
        }
    }

    @Test
    void testImapUnorderedHandleIterableException_anInputThatThrowsEndsTheStreamAfterEveryEarlierResult() {
        for (int attempt = 0; attempt < 2; attempt++) {
            BrokenInput atOnce = new BrokenInput(0);
            assertThat(resultsBefore(atOnce.failure(), pool.imapUnordered(PoolContract::square, atOnce, 1))).isEmpty();
        }
        BrokenInput atThree = new BrokenInput(3);
        assertThat(resultsBefore(atThree.failure(), pool.imapUnordered(PoolContract::square, atThree, 1)))
                .containsExactlyInAnyOrder(0, 1, 4);
        BrokenInput atSeven = new BrokenInput(7);
        assertThat(resultsBefore(atSeven.failure(), pool.imapUnordered(PoolContract::square, atSeven, 2)))
                .containsExactlyInAnyOrder(0, 1, 4, 9, 16, 25, 36);
        IllegalStateException broken = new IllegalStateException("the input broke");
        Iterable<Integer> failingHasNext = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == 7) {
                    throw broken;
                }
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
        assertThat(resultsBefore(broken, pool.imapUnordered(n -> n * 2, failingHasNext, 2)))
                .containsExactlyInAnyOrder(0, 2, 4, 6, 8, 10, 12);
    }

    @Test
    void testMapHandleIterableException_anInputThatThrowsFailsTheMapWithItsOwnException() {
        for (int attempt = 0; attempt < 2; attempt++) {
            BrokenInput atOnce = new BrokenInput(0);
            assertThatThrownBy(() -> pool.map(PoolContract::square, atOnce, 1)).isSameAs(atOnce.failure());
        }
        BrokenInput atThree = new BrokenInput(3);
        assertThatThrownBy(() -> pool.map(PoolContract::square, atThree, 1)).isSameAs(atThree.failure());
        // a collection that says it has an item, and throws when asked for it
        BrokenInput inside = new BrokenInput(0);
        Collection<Integer> sizedWrongly = new AbstractCollection<>() {
            @Override
            public Iterator<Integer> iterator() {
                return inside.iterator();
            }

            @Override
            public int size() {
                return 1;
            }
        };
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> pool.map(PoolContract::square, sizedWrongly, 1)).isSameAs(inside.failure());
        }
        assertThat(pool.map(PoolContract::square, List.of(1, 2))).containsExactly(1, 4);
    }

    @Test
    void testMapAsync_completesWithTheResultsInInputOrder() throws Exception {
        List<Integer> ten = IntStream.range(0, 10).boxed().toList();
        assertThat(pool.mapAsync(PoolContract::square, ten).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(squares(ten));
    }

    @Test
    void testMapAsyncCallbacks_aStageAddedToTheFutureGetsTheResultsOrTheFailure() throws Exception {
        CompletableFuture<Object> parsed = pool.mapAsync(Integer::parseInt, List.of("1"))
                .handle((results, failure) -> failure == null ? results : failure);
        assertThat(parsed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(List.of(1));
        CompletableFuture<Object> notParsed = pool.mapAsync(Integer::parseInt, List.of("a"))
                .handle((results, failure) -> failure == null ? results : failure);
        assertThat(notParsed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void testMapChunksize_aMapAsyncOfNoItemsInChunksOfOneCompletesAtOnce() throws Exception {
        assertThat(pool.mapAsync(PoolContract::square, List.of(), 1).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isEmpty();
    }

    @Test
    void testEmptyIterable_everyKindOfMapOfNoItemsGivesNoResults() throws Exception {
        List<Integer> none = List.of();
        assertThat(pool.map(PoolContract::square, none)).isEmpty();
        try (Stream<Integer> results = pool.imap(PoolContract::square, none)) {
            assertThat(results).isEmpty();
        }
        try (Stream<Integer> results = pool.imapUnordered(PoolContract::square, none)) {
            assertThat(results).isEmpty();
        }
        assertThat(pool.mapAsync(PoolContract::square, none).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void anImapItemThatCannotBeSerializedFailsInItsTurnAfterTheEarlierResults() {
        try (Stream<String> results = pool.imap(Object::toString, List.of("a", "b", new Object(), "c"), 3)) {
            Iterator<String> it = results.iterator();
            assertThat(it.next()).isEqualTo("a");
            assertThat(it.next()).isEqualTo("b");
            assertThatThrownBy(it::next).isInstanceOf(UnserializableObjectException.class)
                    .hasMessageContaining("java.lang.Object");
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void testStarmap_eachPairIsSpreadOverTheFunctionsTwoArguments() {
        List<Map.Entry<Integer, String>> pairs = List.of(new AbstractMap.SimpleEntry<>(2, "ab"), Map.entry(3, "x"));
        assertThat(pool.starmap((n, s) -> s.repeat(n), pairs)).containsExactly("abab", "xxx");
        List<Map.Entry<Integer, Integer>> tuples = IntStream.range(0, 10).mapToObj(i -> Map.entry(i, 9 - i)).toList();
        assertThat(pool.starmap((Integer a, Integer b) -> a * b, tuples))
                .isEqualTo(tuples.stream().map(t -> t.getKey() * t.getValue()).toList());
    }

    @Test
    void testApply_oneCallRunsInAWorkerAndItsResultComesBack() {
        assertThat(pool.apply(() -> "hello " + 42)).isEqualTo("hello 42");
        int length = pool.apply(String::length, "four");
        assertThat(length).isEqualTo(4);
        assertThat(pool.apply(PoolContract::square, 5)).isEqualTo(25);
    }

    @Test
    void testAsync_applyAsyncCompletesWithTheResultOnceTheCallHasRun() throws Exception {
        CompletableFuture<Integer> squared = pool.applyAsync(n -> {
            Thread.sleep(100);
            return n * n;
        }, 7);
        assertThat(squared.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(49);
    }

    @Test
    void testAsyncErrorCallback_theCallbackGetsTheResultOrTheFailureOfWhichTheFutureFailsToo() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        pool.applyAsync(() -> "called back", seen::complete, seen::completeExceptionally);
        assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("called back");
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        CompletableFuture<Throwable> raising = pool.applyAsync(() -> {
            throw new IllegalStateException("from a worker");
        }, failed::complete, failed::complete);
        assertThat(failed.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("from a worker");
        assertThatThrownBy(() -> raising.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(failed.get());
        CompletableFuture<Integer> lengthSeen = new CompletableFuture<>();
        pool.applyAsync(String::length, "seven", lengthSeen::complete, lengthSeen::completeExceptionally);
        assertThat(lengthSeen.get(30, TimeUnit.SECONDS)).isEqualTo(5);
        CompletableFuture<Object> functionFailed = new CompletableFuture<>();
        pool.applyAsync(PoolContract::failOnThree, 3, functionFailed::complete, functionFailed::complete);
        assertThat(functionFailed.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(IllegalArgumentException.class,
                e -> assertThat(e).hasMessage("three"));
    }

    @Test
    void testAsyncTimeout_waitingForACallThatHasNotEndedGivesUpAfterItsTimeout() throws Exception {
        ProcessPool own = context().pool(1);
        try {
            CompletableFuture<Integer> slow = own.applyAsync(n -> {
                Thread.sleep(600_000);
                return n * n;
            }, 6);
            long begin = System.nanoTime();
            assertThatThrownBy(() -> slow.get(100, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(100), PATIENCE);
            assertThat(slow).isNotDone();
        } finally {
            own.terminate();
            assertThat(own.join(PATIENCE)).isTrue();
        }
    }

    @Test
    void testTraceback_aTasksExceptionKeepsItsTypeAndTheWorkersStackTraceAndTheInputsIsNotMadeARemoteOne() {
        assertThatThrownBy(() -> pool.map(PoolContract::failOnThree, List.of(1, 2, 3, 4)))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("three")
                .satisfies(e -> assertThat(e.getStackTrace()).anySatisfy(
                        frame -> assertThat(frame.getMethodName()).isEqualTo("failOnThree")));
        assertThatThrownBy(() -> pool.submit(() -> failOnThree(3)).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalArgumentException.class);
        BrokenInput atOnce = new BrokenInput(0);
        assertThatThrownBy(() -> pool.map(n -> n, atOnce, 1)).isSameAs(atOnce.failure()).hasNoCause();
        assertThat(pool.map(n -> n, List.of(1, 2))).containsExactly(1, 2);
    }

    @Test
    void testMapUnplicklable_anUnserializableArgumentFailsInTheCallerNamingItsClass() {
        assertThatThrownBy(() -> pool.map(o -> o.toString(), List.of(new Object())))
                .isInstanceOf(UnserializableObjectException.class)
                .hasMessageContaining("java.lang.Object");
        Runnable plain = () -> { };
        assertThatThrownBy(() -> pool.submit(plain)).isInstanceOf(UnserializableObjectException.class)
                .hasMessageContaining(plain.getClass().getName().replaceAll("/.*", ""))
                .hasMessageContaining("write it as a lambda in the call")
                .hasMessageContaining("implement java.io.Serializable");
    }

    @Test
    void nullResultsAndArgumentsTravel() {
        assertThat(pool.map(s -> s == null ? null : s + "!", java.util.Arrays.asList("a", null, "b")))
                .containsExactly("a!", null, "b!");
        try (Stream<String> results = pool.imapUnordered(s -> (String) null, List.of(1, 2))) {
            assertThat(results.collect(Collectors.toList())).containsExactly(null, null);
        }
    }

    private static int failOnThree(int n) {
        if (n == 3) {
            throw new IllegalArgumentException("three");
        }
        return n;
    }

    private static int square(int n) {
        return n * n;
    }

    private static List<Integer> squares(List<Integer> numbers) {
        return numbers.stream().map(PoolContract::square).toList();
    }

    /** An input of 0, 1, 2, ... that throws {@code failure} when asked for item {@code at}. */
    record BrokenInput(int at, RuntimeException failure) implements Iterable<Integer> {

        BrokenInput(int at) {
            this(at, new IllegalStateException("the input broke at item " + at));
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    if (next == at) {
                        throw failure;
                    }
                    return next++;
                }
            };
        }
    }

    /** The results of {@code results} before the exception it ends with, which must be {@code failure}. */
    private static <R> List<R> resultsBefore(RuntimeException failure, Stream<R> results) {
        List<R> seen = new ArrayList<>();
        try (results) {
            assertThatThrownBy(() -> results.forEach(seen::add)).isSameAs(failure);
        }
        return seen;
    }
}
