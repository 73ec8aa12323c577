package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessPool;

/**
 * Workloads {@code pool.*}: a {@link ProcessPool} of the default size ({@code cpuCount()}
 * workers, as CPython's {@code Pool()}), started before the warm-up so that worker start-up is not
 * timed. "Trivial" is squaring an integer. The throughput workloads are measured in their steady
 * state (a long-lived pool doing the same call again and again): they warm up for at least
 * {@link Settings#steadySeconds()} and then until their rate stops rising
 * ({@link Samples#collectSteady}), so that the JIT compilers of the parent and of the workers
 * have settled; CPython's side follows the same rule.
 */
final class Pools {

    static final int MAP_TASKS = 200_000;
    static final int IMAP_TASKS = 10_000;
    static final int APPLY_TASKS = 10_000;
    static final int CPU_CALLS = 40;
    static final double CPU_CALL_MILLIS = 20;

    private Pools() {
    }

    /** pool.map: {@code map} of 200,000 squares with the default chunk size. */
    static void map(Settings settings, Consumer<String> out) throws Exception {
        List<Integer> items = IntStream.range(0, MAP_TASKS).boxed().toList();
        try (ProcessPool pool = Multiprocessing.pool()) {
            Samples samples = Samples.collectSteady(settings, () -> {
                long begin = System.nanoTime();
                List<Integer> squares = pool.map(n -> n * n, items);
                long elapsed = System.nanoTime() - begin;
                check(squares.size() == MAP_TASKS && squares.get(MAP_TASKS - 1) == (MAP_TASKS - 1) * (MAP_TASKS - 1));
                return elapsed;
            });
            out.accept(ResultLine.rate("pool.map", "pool", samples, MAP_TASKS));
        }
    }

    /** pool.imap-chunk-1: {@code imap} of 10,000 squares, one task per message. */
    static void imap(Settings settings, Consumer<String> out) throws Exception {
        List<Integer> items = IntStream.range(0, IMAP_TASKS).boxed().toList();
        try (ProcessPool pool = Multiprocessing.pool()) {
            Samples samples = Samples.collectSteady(settings, () -> {
                long begin = System.nanoTime();
                long sum;
                try (Stream<Integer> squares = pool.imap(n -> n * n, items, 1)) {
                    sum = squares.mapToLong(Integer::longValue).sum();
                }
                long elapsed = System.nanoTime() - begin;
                check(sum == squaresUpTo(IMAP_TASKS));
                return elapsed;
            });
            out.accept(ResultLine.rate("pool.imap-chunk-1", "pool", samples, IMAP_TASKS));
        }
    }

    /** pool.apply-async: 10,000 {@code applyAsync} calls of a square, then every result. */
    static void applyAsync(Settings settings, Consumer<String> out) throws Exception {
        try (ProcessPool pool = Multiprocessing.pool()) {
            Samples samples = Samples.collectSteady(settings, () -> {
                long begin = System.nanoTime();
                List<CompletableFuture<Integer>> futures = new ArrayList<>(APPLY_TASKS);
                for (int i = 0; i < APPLY_TASKS; i++) {
                    futures.add(pool.applyAsync(n -> n * n, i));
                }
                long sum = 0;
                for (CompletableFuture<Integer> future : futures) {
                    sum += future.get();
                }
                long elapsed = System.nanoTime() - begin;
                check(sum == squaresUpTo(APPLY_TASKS));
                return elapsed;
            });
            out.accept(ResultLine.rate("pool.apply-async", "pool", samples, APPLY_TASKS));
        }
    }

    /**
     * pool.cpu-bound: 40 calls of a pure loop calibrated to about 20 ms, in this process one after
     * the other, then with {@code map} (chunks of 1) on the pool; reports both, and the speed-up as
     * {@code pool.cpu-speed-up}.
     */
    static void cpuBound(Settings settings, Consumer<String> out) throws Exception {
        long rounds = calibrate();
        List<Long> calls = new ArrayList<>();
        for (int i = 0; i < CPU_CALLS; i++) {
            calls.add(rounds);
        }
        try (ProcessPool pool = Multiprocessing.pool()) {
            int runs = settings.warmup() + settings.repetitions();
            double[] sequential = new double[settings.repetitions()];
            double[] pooled = new double[settings.repetitions()];
            for (int run = 0; run < runs; run++) {
                long begin = System.nanoTime();
                long expected = 0;
                for (long call : calls) {
                    expected += spin(call);
                }
                long middle = System.nanoTime();
                long got = pool.map(Pools::spin, calls, 1).stream().mapToLong(Long::longValue).sum();
                long end = System.nanoTime();
                check(got == expected);
                if (run >= settings.warmup()) {
                    sequential[run - settings.warmup()] = (middle - begin) / 1e6;
                    pooled[run - settings.warmup()] = (end - middle) / 1e6;
                }
            }
            double[] speedUps = new double[pooled.length];
            for (int i = 0; i < speedUps.length; i++) {
                speedUps[i] = sequential[i] / pooled[i];
            }
            out.accept(ResultLine.millis("pool.cpu-bound", "sequential", Samples.of(sequential)));
            out.accept(ResultLine.millis("pool.cpu-bound", "pool", Samples.of(pooled)));
            out.accept(ResultLine.factor("pool.cpu-speed-up", "speed-up", Samples.of(speedUps)));
        }
    }

    /** A pure loop: a linear congruential generator, which no compiler can shorten. */
    static long spin(long rounds) {
        long x = rounds;
        for (long i = 0; i < rounds; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x >>> 1;
    }

    /** The rounds of {@link #spin} that take about {@value #CPU_CALL_MILLIS} ms here, once compiled. */
    static long calibrate() {
        long rounds = 1_000_000;
        for (int i = 0; i < 20; i++) {
            spin(rounds);
        }
        long begin = System.nanoTime();
        spin(rounds * 10);
        double millis = (System.nanoTime() - begin) / 1e6;
        return (long) (rounds * 10 * CPU_CALL_MILLIS / millis);
    }

    private static long squaresUpTo(long n) {
        return (n - 1) * n * (2 * n - 1) / 6;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a pool returned wrong results");
        }
    }
}
