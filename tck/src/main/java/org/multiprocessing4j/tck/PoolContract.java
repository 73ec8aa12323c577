package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
    void mapReturnsTheResultsInInputOrder() {
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
    void imapYieldsInOrderAndImapUnorderedYieldsEveryResult() {
        List<Integer> input = IntStream.range(0, 500).boxed().toList();
        try (Stream<Integer> ordered = pool.imap(n -> n * 2, input)) {
            assertThat(ordered.toList()).isEqualTo(input.stream().map(n -> n * 2).toList());
        }
        try (Stream<Integer> unordered = pool.imapUnordered(n -> n * 2, input, 3)) {
            assertThat(unordered.toList()).containsExactlyInAnyOrderElementsOf(input.stream().map(n -> n * 2).toList());
        }
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
    void anInputThatFailsDeliversEveryEarlierResultThenThrowsItsOwnExceptionAndEnds() {
        IllegalStateException broken = new IllegalStateException("the input broke");
        Iterable<Integer> failingNext = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 10) {
                    throw broken;
                }
                return next++;
            }
        };
        try (Stream<Integer> results = pool.imap(n -> n * 2, failingNext, 3)) {
            Iterator<Integer> it = results.iterator();
            for (int i = 0; i < 10; i++) {
                assertThat(it.next()).isEqualTo(2 * i);
            }
            assertThatThrownBy(it::next).isSameAs(broken);
            assertThat(it.hasNext()).isFalse();
        }
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
        try (Stream<Integer> results = pool.imapUnordered(n -> n * 2, failingHasNext, 2)) {
            List<Integer> seen = new ArrayList<>();
            assertThatThrownBy(() -> results.forEach(seen::add)).isSameAs(broken);
            assertThat(seen).containsExactlyInAnyOrder(0, 2, 4, 6, 8, 10, 12);
        }
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
    void starmapSpreadsEachPair() {
        List<Map.Entry<Integer, String>> pairs = List.of(new AbstractMap.SimpleEntry<>(2, "ab"), Map.entry(3, "x"));
        assertThat(pool.starmap((n, s) -> s.repeat(n), pairs)).containsExactly("abab", "xxx");
    }

    @Test
    void applyAndApplyAsyncRunOneTask() throws Exception {
        assertThat(pool.apply(() -> "hello " + 42)).isEqualTo("hello 42");
        int length = pool.apply(String::length, "four");
        assertThat(length).isEqualTo(4);
        CompletableFuture<String> seen = new CompletableFuture<>();
        pool.applyAsync(() -> "called back", seen::complete, seen::completeExceptionally);
        assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("called back");
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        pool.applyAsync(() -> {
            throw new IllegalStateException("from a worker");
        }, failed::complete, failed::complete);
        assertThat(failed.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("from a worker");
        CompletableFuture<Integer> lengthSeen = new CompletableFuture<>();
        pool.applyAsync(String::length, "seven", lengthSeen::complete, lengthSeen::completeExceptionally);
        assertThat(lengthSeen.get(30, TimeUnit.SECONDS)).isEqualTo(5);
        CompletableFuture<Object> functionFailed = new CompletableFuture<>();
        pool.applyAsync(PoolContract::failOnThree, 3, functionFailed::complete, functionFailed::complete);
        assertThat(functionFailed.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(IllegalArgumentException.class,
                e -> assertThat(e).hasMessage("three"));
    }

    @Test
    void aTasksExceptionKeepsItsTypeAndTheWorkersStackTrace() {
        assertThatThrownBy(() -> pool.map(PoolContract::failOnThree, List.of(1, 2, 3, 4)))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("three")
                .satisfies(e -> assertThat(e.getStackTrace()).anySatisfy(
                        frame -> assertThat(frame.getMethodName()).isEqualTo("failOnThree")));
        assertThatThrownBy(() -> pool.submit(() -> failOnThree(3)).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalArgumentException.class);
        assertThat(pool.map(n -> n, List.of(1, 2))).containsExactly(1, 2);
    }

    @Test
    void anUnserializableArgumentFailsInTheCallerNamingItsClass() {
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
}
