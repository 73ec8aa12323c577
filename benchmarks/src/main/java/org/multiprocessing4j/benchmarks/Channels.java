package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * Workloads {@code pipe.*} and {@code queue.*}: small lists {@code ["u", i, "hello"]} and 1 MiB
 * byte arrays through a {@link Pipe} and a {@link ProcessQueue}. The other processes are started
 * once, before the warm-up, and wait for a start signal (a semaphore) before each run, so process
 * start-up is not timed. Python's side does the same with {@code multiprocessing.Pipe} and
 * {@code multiprocessing.Queue}.
 */
final class Channels {

    static final int ROUND_TRIPS = 2_000;
    static final int MESSAGES = 20_000;
    static final int LARGE_MESSAGES = 50;
    static final String STOP = "STOP";

    private Channels() {
    }

    /** pipe.round-trip: send a small list, receive it back from an echoing child. */
    static void pipeRoundTrip(Settings settings, Consumer<String> out) throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        PipeEnd child = pipe.right();
        ChildProcess echo = start(() -> echo(child));
        PipeEnd end = pipe.left();
        Samples samples = Samples.collectSteady(settings, roundTrips(end));
        end.send(STOP);
        join(List.of(echo));
        out.accept(ResultLine.microsEach("pipe.round-trip", "pipe", samples, ROUND_TRIPS));
    }

    /** Sends back every message received on {@code end} until {@link #STOP}. */
    static void echo(PipeEnd end) throws Exception {
        for (Object message = end.recv(); !STOP.equals(message); message = end.recv()) {
            end.send(message);
        }
    }

    /** {@value #ROUND_TRIPS} small lists sent on {@code end}, each received back before the next. */
    static Trial roundTrips(PipeEnd end) {
        return () -> {
            long begin = System.nanoTime();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                end.send(List.of("u", i, "hello"));
                end.recv();
            }
            return System.nanoTime() - begin;
        };
    }

    /** pipe.one-way-1mib: a child sends 1 MiB byte arrays as bytes; the time of one is reported. */
    static void pipeOneWay(Settings settings, Consumer<String> out) throws Exception {
        Pipe pipe = Multiprocessing.pipe(false);
        PipeEnd sender = pipe.right();
        ProcessSemaphore go = Multiprocessing.semaphore(0);
        int runs = settings.warmup() + settings.repetitions();
        ChildProcess child = start(() -> {
            byte[] message = new byte[1 << 20];
            for (int run = 0; run < runs; run++) {
                go.acquire();
                for (int i = 0; i < LARGE_MESSAGES; i++) {
                    sender.sendBytes(message);
                }
            }
        });
        Samples samples = Samples.collect(settings, () -> {
            long begin = System.nanoTime();
            go.release();
            for (int i = 0; i < LARGE_MESSAGES; i++) {
                pipe.left().recvBytes();
            }
            return System.nanoTime() - begin;
        });
        join(List.of(child));
        out.accept(ResultLine.microsEach("pipe.one-way-1mib", "pipe", samples, LARGE_MESSAGES));
    }

    static void queueOneToOne(Settings settings, Consumer<String> out) throws Exception {
        queue(settings, out, "queue.1-1", 1, MESSAGES, false);
    }

    static void queueTwoToTwo(Settings settings, Consumer<String> out) throws Exception {
        queue(settings, out, "queue.2-2", 2, MESSAGES, false);
    }

    static void queueLarge(Settings settings, Consumer<String> out) throws Exception {
        queue(settings, out, "queue.1-1-1mib", 1, LARGE_MESSAGES, true);
    }

    /**
     * {@code producers} children each put {@code messages} then a stop per run; with one producer
     * this process takes, with more as many consumer children take until a stop and report their
     * count and checksum. A run is timed from the start signal until every message was taken. The
     * small messages' workloads are measured in their steady state ({@link Samples#collectSteady}):
     * how many runs that takes is not known ahead, so the children end when {@code finished} is
     * set at their turn.
     */
    private static void queue(Settings settings, Consumer<String> out, String workload, int producers, int messages,
            boolean large) throws Exception {
        ProcessQueue<Object> queue = Multiprocessing.queue();
        ProcessQueue<List<Long>> counts = Multiprocessing.queue();
        ProcessEvent finished = Multiprocessing.event();
        // one start signal per child: a shared one would let a quick child take another's turn
        List<ProcessSemaphore> turns = new ArrayList<>();
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            ProcessSemaphore go = Multiprocessing.semaphore(0);
            turns.add(go);
            children.add(start(() -> {
                byte[] block = new byte[1 << 20];
                while (true) {
                    go.acquire();
                    if (finished.isSet()) {
                        return;
                    }
                    for (int i = 0; i < messages; i++) {
                        queue.put(large ? block : List.of("u", i, "hello"));
                    }
                    queue.put(STOP);
                }
            }));
        }
        for (int c = 0; producers > 1 && c < producers; c++) {
            ProcessSemaphore go = Multiprocessing.semaphore(0);
            turns.add(go);
            children.add(start(() -> {
                while (true) {
                    go.acquire();
                    if (finished.isSet()) {
                        return;
                    }
                    counts.put(takeUntilStop(queue, large));
                }
            }));
        }
        List<Long> expected = List.of((long) producers * messages,
                producers * (large ? (long) messages << 20 : (long) messages * (messages - 1) / 2));
        Trial trial = () -> {
            long begin = System.nanoTime();
            turns.forEach(ProcessSemaphore::release);
            List<Long> result;
            if (producers == 1) {
                result = takeUntilStop(queue, large);
            } else {
                long taken = 0;
                long checksum = 0;
                for (int c = 0; c < producers; c++) {
                    List<Long> report = counts.take();
                    taken += report.get(0);
                    checksum += report.get(1);
                }
                result = List.of(taken, checksum);
            }
            long elapsed = System.nanoTime() - begin;
            if (!result.equals(expected)) {
                throw new IllegalStateException("taken (count, checksum) " + result + ", put " + expected);
            }
            return elapsed;
        };
        Samples samples = large ? Samples.collect(settings, trial) : Samples.collectSteady(settings, trial);
        finished.set();
        turns.forEach(ProcessSemaphore::release);
        join(children);
        long total = (long) producers * messages;
        out.accept(large ? ResultLine.microsEach(workload, "queue", samples, total)
                : ResultLine.rate(workload, "queue", samples, total));
    }

    /**
     * Takes messages until a stop: their count and the sum of their numbers (of their lengths for
     * large ones).
     */
    private static List<Long> takeUntilStop(ProcessQueue<Object> queue, boolean large) throws InterruptedException {
        long taken = 0;
        long checksum = 0;
        for (Object message = queue.take(); !STOP.equals(message); message = queue.take()) {
            taken++;
            checksum += large ? ((byte[]) message).length : (Integer) ((List<?>) message).get(1);
        }
        return List.of(taken, checksum);
    }

    static ChildProcess start(SerializableRunnable target) {
        ChildProcess child = Multiprocessing.process(target);
        child.start();
        return child;
    }

    static void join(List<ChildProcess> children) throws InterruptedException {
        for (ChildProcess child : children) {
            child.join();
            if (child.exitCode() != 0) {
                throw new IllegalStateException(child + " exited with " + child.exitCode());
            }
        }
    }
}
