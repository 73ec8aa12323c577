package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.spi.Serializer;

/** The builder's options that change what workers see or how a call goes on after a failure. */
@Timeout(120)
// a pool is closed by a BoundedClose resource that the block itself does not use
@SuppressWarnings("try")
public abstract class PoolOptionsContract extends ContextContract {

    @Test
    void testMakePool_aPoolHasTheWorkersAskedForAndAtLeastOne() throws Exception {
        ProcessContext mp = context();
        assertThatThrownBy(() -> mp.pool(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mp.pool(0)).isInstanceOf(IllegalArgumentException.class);
        ProcessPool pool = mp.pool(3);
        try (BoundedClose closing = closing(pool)) {
            assertThat(pool.processes()).isEqualTo(3);
            await().atMost(PATIENCE).until(() -> workerPids().size() == 3);
        }
    }

    @Test
    void testPoolMaxtasksperchildInvalid_aNegativeLimitIsRefused() {
        // where Python refuses 0 as well, 0 is the default here: no limit
        assertThatThrownBy(() -> ProcessPool.builder().maxTasksPerChild(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPoolWithJdkSerializationCarriesFunctionsArgumentsAndResults() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(1).serializer(Serializer.jdk()).build();
        try (BoundedClose closing = closing(pool)) {
            assertThat(pool.map(s -> s + "!", List.of("a", "b"))).containsExactly("a!", "b!");
        }
    }

    @Test
    void theWorkersReadWithThePoolsSerializer() throws Exception {
        ProcessContext mp = context();
        Serializer refusingAll = Serializer.standard()
                .withClassFilter((java.util.function.Predicate<String> & java.io.Serializable) name -> false);
        ProcessPool pool = ProcessPool.builder().context(mp).processes(1).serializer(refusingAll).build();
        try (BoundedClose closing = closing(pool)) {
            assertThatThrownBy(() -> pool.map(s -> s + "!", List.of("a")))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(java.io.InvalidClassException.class);
        }
    }

    @Test
    void theWorkersGetTheJvmOptionsGiven() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(1).jvmOptions("-Dpool.option=given").build();
        try (BoundedClose closing = closing(pool)) {
            assertThat(pool.apply(() -> System.getProperty("pool.option"))).isEqualTo("given");
        }
    }

    private static Integer failAtTwo(Integer n) {
        if (n == 2) {
            throw new IllegalStateException("two");
        }
        return n;
    }

    @Test
    void withoutFailFastAnImapStreamGoesOnAfterAFailedItem() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(2).failFast(false).build();
        try (BoundedClose closing = closing(pool);
                Stream<Integer> results = pool.imap(PoolOptionsContract::failAtTwo, IntStream.range(0, 5).boxed().toList())) {
            Iterator<Integer> it = results.iterator();
            List<Integer> seen = new ArrayList<>();
            seen.add(it.next());
            seen.add(it.next());
            assertThatThrownBy(it::next).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("two");
            it.forEachRemaining(seen::add);
            assertThat(seen).containsExactly(0, 1, 3, 4);
        }
    }

    @Test
    void withFailFastAnImapStreamEndsAtItsFirstFailure() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool);
                Stream<Integer> results = pool.imap(PoolOptionsContract::failAtTwo, IntStream.range(0, 5).boxed().toList())) {
            Iterator<Integer> it = results.iterator();
            assertThat(it.next()).isZero();
            assertThat(it.next()).isOne();
            assertThatThrownBy(it::next).cause().hasMessage("two");
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void testStarmapAsync_completesWithEveryPairsResultInOrder() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            assertThat(pool.starmapAsync((String s, Integer n) -> s.repeat(n),
                    List.of(java.util.Map.entry("a", 2), java.util.Map.entry("b", 1))).get())
                    .containsExactly("aa", "b");
        }
    }
}
