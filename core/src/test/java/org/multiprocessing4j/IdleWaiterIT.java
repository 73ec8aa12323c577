package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Threads blocked on a lock, an event, a barrier, a queue, a pipe, and on a queue and a pipe at
 * once, use no processor time: measured from {@code /proc}, per thread, over five seconds.
 */
@Timeout(120)
class IdleWaiterIT {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    /** The kernel counts processor time in ticks of 1/100 s (USER_HZ). */
    private static final long MILLIS_PER_TICK = 10;
    private static final String PREFIX = "idle-";

    @Test
    void threadsBlockedOnALockAnEventABarrierAQueueAPipeAndBothAtOnceUseUnderOnePercentOfACore() throws Exception {
        ProcessLock lock = Multiprocessing.lock();
        ProcessQueue<String> queue = Multiprocessing.queue();
        Pipe futexPipe = Multiprocessing.pipe();
        Pipe nappingPipe = Multiprocessing.pipe();
        ProcessEvent event = Multiprocessing.event();
        // one party in each child, and this process as the third, which comes last
        ProcessBarrier barrier = Multiprocessing.barrier(3);
        ProcessSemaphore waiting = Multiprocessing.semaphore(0);
        ChildProcess futex = blockedChild(lock, event, barrier, queue, futexPipe.right(), waiting);
        ChildProcess napping = blockedChild(lock, event, barrier, queue, nappingPipe.right(), waiting)
                .jvmOptions("-Dmultiprocessing4j.futex=false");
        lock.lock();
        try {
            futex.start();
            napping.start();
            assertThat(waiting.tryAcquire(12, 60, TimeUnit.SECONDS)).isTrue();
            // let the waiters get past their few microseconds of spinning and into their sleeps
            Thread.sleep(200);

            Map<String, Long> before = new TreeMap<>();
            before.putAll(waiterTicks(futex, "futex "));
            before.putAll(waiterTicks(napping, "naps "));
            Thread.sleep(WINDOW.toMillis());
            Map<String, Long> after = new TreeMap<>();
            after.putAll(waiterTicks(futex, "futex "));
            after.putAll(waiterTicks(napping, "naps "));

            assertThat(after.keySet()).hasSize(12).isEqualTo(before.keySet());
            long budget = WINDOW.toMillis() / 100;
            for (String thread : after.keySet()) {
                long millis = (after.get(thread) - before.get(thread)) * MILLIS_PER_TICK;
                assertThat(millis).as("%s used %d ms of processor time in %s", thread, millis, WINDOW)
                        .isLessThan(budget);
            }
            event.set();
            barrier.await(30, TimeUnit.SECONDS);
            queue.put("done");
            queue.put("done");
            futexPipe.left().send("done");
            nappingPipe.left().send("done");
            // the end of data, for a waitAny whose pipe message and queue element the others took
            futexPipe.left().close();
            nappingPipe.left().close();
        } finally {
            lock.unlock();
            // a failed measurement leaves the children blocked: they must not outlive the test
            for (ChildProcess child : List.of(futex, napping)) {
                if (child.isAlive() && !child.join(Duration.ofSeconds(30))) {
                    child.kill();
                    child.join();
                }
            }
        }
    }

    /** A child whose six threads block on the lock, the event, the barrier, the queue, the pipe, and both. */
    private static ChildProcess blockedChild(ProcessLock lock, ProcessEvent event, ProcessBarrier barrier,
            ProcessQueue<String> queue, PipeEnd pipe, ProcessSemaphore waiting) {
        return Multiprocessing.process(() -> {
            Thread[] threads = {
                blocked("lock", waiting, () -> {
                    lock.lock();
                    lock.unlock();
                }),
                blocked("event", waiting, event::await),
                blocked("barrier", waiting, barrier::await),
                blocked("queue", waiting, queue::take),
                blocked("pipe", waiting, pipe::recv),
                blocked("wait-any", waiting, () -> Connections.waitAny(List.of(queue, pipe), null)),
            };
            for (Thread thread : threads) {
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        });
    }

    @FunctionalInterface
    private interface Wait {
        void run() throws Exception;
    }

    /** A thread named after what it waits for, which says it is about to wait, then waits. */
    private static Thread blocked(String name, ProcessSemaphore waiting, Wait wait) {
        return new Thread(() -> {
            waiting.release();
            try {
                wait.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, PREFIX + name);
    }

    /** Processor ticks (user + system) of the child's waiter threads, by name. */
    private static Map<String, Long> waiterTicks(ChildProcess child, String label) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(child.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (NoSuchFileException e) {
                    // a thread of the JVM's own that ended since the listing; the waiters do not end
                    continue;
                }
                if (name.startsWith(PREFIX)) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime and stime are fields 14 and 15 of proc(5), counted from the pid
                    ticks.put(label + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                }
            }
        }
        return ticks;
    }
}
