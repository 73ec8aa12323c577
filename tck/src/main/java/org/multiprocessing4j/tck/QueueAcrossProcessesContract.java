package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.SimpleProcessQueue;
import org.multiprocessing4j.spi.Serializer;

/**
 * Queues shared by child JVMs: many producers and consumers, checksums, producers and consumers
 * killed mid-stream, bounds and joins.
 */
@Timeout(300)
public abstract class QueueAcrossProcessesContract extends ContextContract {

    private static final long DONE = -1;

    @Test
    void aChildPutsAListAndTheParentTakesIt() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<List<Object>> q = mp.queue();
        ChildProcess p = start(() -> q.put(List.of("u", 0, "hello")));
        assertThat(q.take()).isEqualTo(List.of("u", 0, "hello"));
        assertExitsCleanly(p);
    }

    @Test
    void testPut_aFullBoundedQueueRefusesMoreUntilAChildHasTakenEverythingInOrder() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue(6);
        ProcessEvent childCanStart = mp.event();
        ProcessEvent parentCanContinue = mp.event();
        ChildProcess taker = start(() -> {
            childCanStart.await();
            for (int expected = 1; expected <= 6; expected++) {
                int taken = q.take();
                if (taken != expected) {
                    throw new IllegalStateException("took " + taken + " where " + expected + " was due");
                }
            }
            parentCanContinue.set();
        });
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.remainingCapacity()).isEqualTo(6);

        q.put(1);
        assertThat(q.add(2)).isTrue();
        assertThat(q.offer(3)).isTrue();
        assertThat(q.offer(4, Duration.ZERO)).isTrue();
        assertThat(q.offer(5, 1, TimeUnit.SECONDS)).isTrue();
        assertThat(q.offer(6, PATIENCE)).isTrue();
        assertThat(q.isEmpty()).isFalse();
        assertThat(q.remainingCapacity()).isZero();

        assertThat(q.offer(7)).isFalse();
        assertThatThrownBy(() -> q.add(7)).isInstanceOf(IllegalStateException.class);
        assertThat(q.offer(7, Duration.ZERO)).isFalse();
        long begin = System.nanoTime();
        assertThat(q.offer(7, 100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(100), PATIENCE);

        childCanStart.set();
        assertThat(parentCanContinue.await(PATIENCE)).isTrue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.remainingCapacity()).isEqualTo(6);
        assertExitsCleanly(taker);
    }

    @Test
    void testGet_whatAChildPutIsTakenByEveryFormOfTakeAndAnEmptyQueueGivesNothing() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        ProcessEvent childCanStart = mp.event();
        ProcessEvent parentCanContinue = mp.event();
        ChildProcess putter = start(() -> {
            childCanStart.await();
            for (int i = 2; i <= 5; i++) {
                q.put(i);
            }
            parentCanContinue.set();
        });
        assertThat(q.isEmpty()).isTrue();
        childCanStart.set();
        assertThat(parentCanContinue.await(PATIENCE)).isTrue();
        // put returns once the element is in: no moment to wait for it to arrive
        assertThat(q.isEmpty()).isFalse();

        assertThat(q.take()).isEqualTo(2);
        assertThat(q.poll(PATIENCE)).isEqualTo(3);
        assertThat(q.poll(1, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(q.poll()).isEqualTo(5);
        assertThat(q.isEmpty()).isTrue();

        assertThat(q.poll()).isNull();
        assertThatThrownBy(q::remove).isInstanceOf(NoSuchElementException.class);
        assertThat(q.poll(Duration.ZERO)).isNull();
        long begin = System.nanoTime();
        assertThat(q.poll(100, TimeUnit.MILLISECONDS)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(100), PATIENCE);
        assertExitsCleanly(putter);
    }

    @Test
    void testFork_elementsPutBeforeAChildStartsAndThoseItPutsArriveInOrder() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        ChildProcess child = start(() -> {
            for (int i = 10; i < 20; i++) {
                q.put(i);
            }
        });
        for (int i = 0; i < 20; i++) {
            assertThat(q.poll(PATIENCE)).isEqualTo(i);
        }
        assertExitsCleanly(child);
        assertThat(q.poll()).isNull();
    }

    @Test
    void aQueueAndAPipeWithJdkSerializationCarryItIntoAChild() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<List<Object>> q = mp.queue(0, Serializer.jdk());
        Pipe pipe = mp.pipe(false, Serializer.jdk());
        PipeEnd sender = pipe.right();
        ChildProcess p = start(() -> {
            q.put(List.of("u", 0, "hello"));
            sender.send(Map.of("k", 1));
        });
        assertThat(q.take()).isEqualTo(List.of("u", 0, "hello"));
        assertThat(pipe.left().recv()).isEqualTo(Map.of("k", 1));
        assertExitsCleanly(p);
    }

    @Test
    void twoProducersAndTwoConsumersMoveTwoMillionMessagesNoneLostNoneDuplicatedEachProducerInOrder() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Long> q = mp.queue();
        ProcessQueue<long[]> results = mp.queue();
        int messages = streamMessages();
        List<ChildProcess> children = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            children.add(start(() -> {
                long count = 0;
                long sum = 0;
                long squares = 0;
                long outOfOrder = 0;
                long[] last = {-1, -1};
                for (long v = q.take(); v != DONE; v = q.take()) {
                    int producer = (int) (v >>> 32);
                    long i = v & 0xFFFF_FFFFL;
                    outOfOrder += i > last[producer] ? 0 : 1;
                    last[producer] = i;
                    count++;
                    sum += v;
                    squares += v * v;
                }
                results.put(new long[] {count, sum, squares, outOfOrder});
            }));
        }
        for (int p = 0; p < 2; p++) {
            long producer = p;
            children.add(start(() -> {
                for (long i = 0; i < messages; i++) {
                    q.put(producer << 32 | i);
                }
                q.put(DONE);
            }));
        }
        long[] total = new long[4];
        for (int c = 0; c < 2; c++) {
            long[] r = results.poll(240, TimeUnit.SECONDS);
            assertThat(r).as("a consumer's result").isNotNull();
            for (int k = 0; k < 4; k++) {
                total[k] += r[k];
            }
        }
        long sum = 0;
        long squares = 0;
        for (long p = 0; p < 2; p++) {
            for (long i = 0; i < messages; i++) {
                long v = p << 32 | i;
                sum += v;
                squares += v * v;
            }
        }
        assertThat(total).containsExactly(2L * messages, sum, squares, 0);
        children.forEach(ContextContract::assertExitsCleanly);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void aProducerKilledMidStreamLeavesTheQueueUsableAndOthersMessagesIntact() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<byte[]> q = mp.queue();
        // large messages, streamed in chunks, so that the kill is likely to fall inside one
        ChildProcess doomed = start(() -> {
            for (int seq = 0;; seq++) {
                q.put(message(0, seq, 300_000));
            }
        });
        ChildProcess survivor = start(() -> {
            for (int seq = 0; seq < 2000; seq++) {
                q.put(message(1, seq, 100 + seq));
            }
        });
        int[] next = {0, 0};
        while (next[0] < 20) {
            take(q, next);
        }
        doomed.kill();
        assertThat(doomed.join(Duration.ofSeconds(30))).isTrue();
        while (next[1] < 2000) {
            take(q, next);
        }
        assertExitsCleanly(survivor);
        // at most the one message the killed producer was writing is lost; its others are whole
        while (!q.isEmpty()) {
            take(q, next);
        }
        q.put(message(1, 2000, 10));
        take(q, next);
        assertThat(next[1]).isEqualTo(2001);
    }

    @Test
    void aConsumerKilledWhileWaitingLeavesTheOtherConsumerReceivingEverything() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        ProcessQueue<Integer> results = mp.queue();
        ProcessEvent tookOne = mp.event();
        ChildProcess doomed = start(() -> {
            q.take();
            tookOne.set();
            q.take();
        });
        q.put(-2);
        assertThat(tookOne.await(Duration.ofSeconds(60))).isTrue();
        ChildProcess survivor = start(() -> {
            int count = 0;
            while (q.take() >= 0) {
                count++;
            }
            results.put(count);
        });
        doomed.kill();
        assertThat(doomed.join(Duration.ofSeconds(30))).isTrue();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        q.put(-1);
        assertThat(results.poll(60, TimeUnit.SECONDS)).isEqualTo(1000);
        assertExitsCleanly(survivor);
    }

    @Test
    void aBoundedQueueBlocksAProducerInAChildUntilTheParentTakes() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue(2);
        ProcessQueue<String> outcome = mp.queue();
        ChildProcess p = start(() -> {
            q.put(1);
            q.put(2);
            outcome.put("third offer: " + q.offer(3, 200, TimeUnit.MILLISECONDS));
            q.put(4);
            outcome.put("fourth put");
        });
        assertThat(outcome.poll(60, TimeUnit.SECONDS)).isEqualTo("third offer: false");
        assertThat(outcome.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(q.take()).isEqualTo(1);
        assertThat(outcome.poll(60, TimeUnit.SECONDS)).isEqualTo("fourth put");
        assertThat(List.of(q.take(), q.take())).containsExactly(2, 4);
        assertExitsCleanly(p);
    }

    @Test
    void testTaskDone_joinReturnsExactlyWhenWorkersInChildrenHaveMarkedEveryItemDone() throws Exception {
        ProcessContext mp = context();
        JoinableProcessQueue<Integer> q = mp.joinableQueue();
        SimpleProcessQueue<Integer> done = mp.simpleQueue();
        ProcessSemaphore lastOne = mp.semaphore(0);
        List<ChildProcess> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(start(() -> {
                for (int item = q.take(); item >= 0; item = q.take()) {
                    if (item == 99) {
                        lastOne.acquire();
                    }
                    done.put(item);
                    q.taskDone();
                }
                q.taskDone();
            }));
        }
        for (int i = 0; i < 100; i++) {
            q.put(i);
        }
        for (int i = 0; i < 99; i++) {
            done.get();
        }
        assertThat(q.join(Duration.ofMillis(200))).as("join before the last item is done").isFalse();
        lastOne.release();
        assertThat(q.join(Duration.ofSeconds(60))).isTrue();
        assertThat(done.get()).isEqualTo(99);
        q.put(-1);
        q.put(-1);
        workers.forEach(ContextContract::assertExitsCleanly);
    }

    /** A message that says who sent it and checks itself: producer, sequence, then a pattern. */
    static byte[] message(int producer, int seq, int length) {
        ByteBuffer b = ByteBuffer.allocate(length + 8);
        b.putInt(producer).putInt(seq);
        for (int i = 0; i < length; i++) {
            b.put((byte) (seq * 31 + i));
        }
        return b.array();
    }

    @Test
    void aChildSeesTheElementsThroughPeekAndToArrayWithoutTakingThem() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<String> q = mp.queue();
        ProcessQueue<List<Object>> seen = mp.queue();
        q.put("a");
        q.put("b");
        assertExitsCleanly(start(() -> seen.put(List.of(q.peek(), List.of(q.toArray()), q.contains("b"), q.size()))));

        assertThat(seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).containsExactly("a", List.of("a", "b"), true, 2);
        assertThat(q.take()).isEqualTo("a");
        assertThat(q.take()).isEqualTo("b");
    }

    @Test
    void aPipeEndSeenInASnapshotIsAClosedCopyAndTheEndOfDataStillComesWhenItsTakerCloses() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        ProcessQueue<PipeEnd> ends = mp.queue();
        ends.put(pipe.right());
        pipe.right().close();

        PipeEnd seen = ends.peek();
        assertThat(seen.isClosed()).as("a look holds nothing").isTrue();
        assertThat(ends.toString()).contains("PipeEnd[closed]");
        assertThat(ends.iterator().next().isClosed()).isTrue();
        ChildProcess taker = start(() -> {
            try (PipeEnd end = ends.take()) {
                end.send("from the taker");
            }
        });

        assertThat(pipe.left().recv()).isEqualTo("from the taker");
        assertThat(pipe.left().poll(PATIENCE)).isTrue();
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
        assertExitsCleanly(taker);
    }

    @Test
    void anElementStillStreamingIntoTheQueueIsNotInASnapshot() throws Exception {
        assumeTrue(queueRoom() > 0, "the backend moves every element whole");
        ProcessContext mp = context();
        ProcessQueue<byte[]> q = mp.queue();
        // three times what the queue holds: it is streamed in chunks, and waits for a taker
        int size = 3 * queueRoom();
        ChildProcess producer = start(() -> q.put(new byte[size]));
        // its first chunks are in (the queue is not empty), but not all of it (no whole element)
        await().atMost(PATIENCE).until(() -> !q.isEmpty());
        assertThat(q.size()).isZero();
        assertThat(q.toArray()).isEmpty();
        assertThat(q.peek()).isNull();

        assertThat(q.take()).hasSize(size);
        assertExitsCleanly(producer);
    }

    @Test
    void anInterruptOfAPutBlockedOnAFullQueueIsNeverLostEvenInAProcessThatHasNotSleptBefore() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> full = mp.queue(1);
        full.put(0);
        // in each child the blocked put is the process's first wait, and the interrupt comes at a
        // random moment of its first few milliseconds, while a first wait makes ready to sleep
        List<ChildProcess> rounds = new ArrayList<>();
        int processes = freshProcesses(60);
        for (int round = 0; round < processes; round++) {
            rounds.add(start(() -> {
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Thread putter = new Thread(() -> {
                    try {
                        full.put(1);
                        outcome.complete(new AssertionError("a put on a full queue returned"));
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                });
                // a daemon: if the interrupt is lost, the child still ends, and says so
                putter.setDaemon(true);
                putter.start();
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000_000));
                putter.interrupt();
                Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
                if (!(thrown instanceof InterruptedException)) {
                    throw new AssertionError("the put ended with " + thrown);
                }
            }));
            if (rounds.size() == 3) {
                rounds.forEach(ContextContract::assertExitsCleanly);
                rounds.clear();
            }
        }
        rounds.forEach(ContextContract::assertExitsCleanly);
        assertThat(full.size()).isEqualTo(1);
    }

    /** Takes a message, checks it is whole and the next of its producer, and counts it. */
    private static void take(ProcessQueue<byte[]> q, int[] next) throws InterruptedException {
        byte[] m = q.poll(60, TimeUnit.SECONDS);
        assertThat(m).as("a message").isNotNull();
        ByteBuffer b = ByteBuffer.wrap(m);
        int producer = b.getInt();
        int seq = b.getInt();
        assertThat(seq).as("sequence of producer %d", producer).isEqualTo(next[producer]);
        assertThat(m).as("message %d of producer %d", seq, producer).isEqualTo(message(producer, seq, m.length - 8));
        next[producer]++;
    }
}
