package org.multiprocessing4j.benchmarks;

import java.util.List;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ManagedMap;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.StartMethod;

/**
 * Workloads {@code manager.*}: a {@link Manager}'s server process and the proxies of its objects.
 * Python's side does the same with {@code multiprocessing.Manager()}.
 */
final class Managers {

    static final int PAIRS = 2_000;
    static final int KEYS = 100;

    private Managers() {
    }

    /**
     * manager.dict-set-get: a child, not the manager's owner, does {@value #PAIRS} pairs of
     * {@code map.put(key, i); map.get(key)} per run on a {@link ManagedMap}, over {@value #KEYS}
     * short string keys, and times them itself. The manager and the child are started once, before
     * the warm-up; the child waits for a start signal (a semaphore) before each run and reports
     * its time through a pipe, so neither start-up is timed. Steady state (as {@code pool.map}):
     * the manager's server and the child are JVMs of their own that compile the calls as they go,
     * so the child runs until told to finish.
     */
    static void dictSetGet(Settings settings, Consumer<String> out) throws Exception {
        try (Manager manager = Multiprocessing.manager()) {
            ManagedMap<String, Integer> map = manager.map();
            ProcessSemaphore go = Multiprocessing.semaphore(0);
            Pipe times = Multiprocessing.pipe(false);
            PipeEnd childTimes = times.right();
            ProcessEvent finished = Multiprocessing.event();
            ChildProcess child = Channels.start(() -> setAndGet(map, go, childTimes, finished));
            Samples samples = Samples.collectSteady(settings, () -> {
                go.release();
                long elapsed = (Long) times.left().recv();
                if (elapsed < 0) {
                    throw new IllegalStateException("the child read back a value it did not set");
                }
                return elapsed;
            });
            finished.set();
            go.release();
            Channels.join(List.of(child));
            out.accept(ResultLine.rate("manager.dict-set-get", "map", samples, PAIRS));
        }
    }

    /**
     * The child of manager.dict-set-get: for each run, waits for its turn, then puts and gets
     * {@value #PAIRS} times and sends the nanoseconds that took, or -1 if the last value read
     * back is not the one put; ends at a turn where {@code finished} is set.
     */
    private static void setAndGet(ManagedMap<String, Integer> map, ProcessSemaphore go, PipeEnd times,
            ProcessEvent finished) throws Exception {
        String[] keys = new String[KEYS];
        for (int k = 0; k < KEYS; k++) {
            keys[k] = "k" + k;
        }
        while (true) {
            go.acquire();
            if (finished.isSet()) {
                return;
            }
            Integer value = null;
            long begin = System.nanoTime();
            for (int i = 0; i < PAIRS; i++) {
                String key = keys[i % KEYS];
                map.put(key, i);
                value = map.get(key);
            }
            long elapsed = System.nanoTime() - begin;
            times.send(value != null && value == PAIRS - 1 ? elapsed : -1L);
        }
    }

    /**
     * manager.start: from asking a context for a manager until the first call on one of its
     * objects has completed, {@code manager.map().put("k", 1)}; closing it is not timed. Variant
     * {@code warm}: the server takes a spare JVM of a {@link StartMethod#WARM} context; before each
     * round, untimed, the harness waits until a spare is ready again, as for
     * {@code process.start-join}.
     */
    static void start(Settings settings, Consumer<String> out) throws Exception {
        Multiprocessing.setStartMethod(StartMethod.WARM);
        ProcessContext context = Multiprocessing.context();
        out.accept(ResultLine.millis("manager.start", "warm", Samples.collect(settings, () -> {
            ProcessStartJoin.awaitSpare();
            long elapsed;
            long begin = System.nanoTime();
            try (Manager manager = context.manager()) {
                manager.map().put("k", 1);
                elapsed = System.nanoTime() - begin;
            }
            // shutting the server down is not timed, as Python's side does not time shutdown()
            return elapsed;
        })));
    }
}
