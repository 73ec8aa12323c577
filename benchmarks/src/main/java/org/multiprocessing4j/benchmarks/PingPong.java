package org.multiprocessing4j.benchmarks;

import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * Workloads {@code event.ping-pong} and {@code semaphore.ping-pong}: two processes hand a turn
 * back and forth {@value #ROUND_TRIPS} times per run through two events (set, wait, clear) or two
 * semaphores (release, acquire); the result is the run's time divided by its round trips. The
 * other process is started once, before the warm-up, and plays every run. Python's side does the
 * same with {@code multiprocessing.Event} and {@code multiprocessing.Semaphore}.
 */
final class PingPong {

    static final int ROUND_TRIPS = 5_000;

    private PingPong() {
    }

    /** A turn: hands over, then waits to get it back. */
    @FunctionalInterface
    private interface Turn {
        void play() throws Exception;
    }

    static void events(Settings settings, Consumer<String> out) throws Exception {
        ProcessEvent ping = Multiprocessing.event();
        ProcessEvent pong = Multiprocessing.event();
        int total = (settings.warmup() + settings.repetitions()) * ROUND_TRIPS;
        Samples samples = play(settings, () -> {
            for (int i = 0; i < total; i++) {
                ping.await();
                ping.clear();
                pong.set();
            }
        }, () -> {
            ping.set();
            pong.await();
            pong.clear();
        });
        out.accept(ResultLine.microsEach("event.ping-pong", "event", samples, ROUND_TRIPS));
    }

    static void semaphores(Settings settings, Consumer<String> out) throws Exception {
        ProcessSemaphore ping = Multiprocessing.semaphore(0);
        ProcessSemaphore pong = Multiprocessing.semaphore(0);
        int total = (settings.warmup() + settings.repetitions()) * ROUND_TRIPS;
        Samples samples = play(settings, () -> {
            for (int i = 0; i < total; i++) {
                ping.acquire();
                pong.release();
            }
        }, () -> {
            ping.release();
            pong.acquire();
        });
        out.accept(ResultLine.microsEach("semaphore.ping-pong", "semaphore", samples, ROUND_TRIPS));
    }

    private static Samples play(Settings settings, SerializableRunnable partner, Turn turn) throws Exception {
        ChildProcess other = Multiprocessing.process(partner);
        other.start();
        Samples samples = Samples.collect(settings, () -> {
            long begin = System.nanoTime();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                turn.play();
            }
            return System.nanoTime() - begin;
        });
        other.join();
        if (other.exitCode() != 0) {
            throw new IllegalStateException("the partner process exited with " + other.exitCode());
        }
        return samples;
    }
}
