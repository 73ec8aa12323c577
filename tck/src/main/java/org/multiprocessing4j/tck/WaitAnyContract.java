package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.Connections;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.SimpleProcessQueue;

/** Waiting on many pipe ends and queues at once. */
@Timeout(60)
public abstract class WaitAnyContract extends ContextContract {

    @Test
    void waitAnyReturnsOnlyTheObjectsThatAreReadyInTheOrderGiven() throws Exception {
        ProcessContext mp = context();
        Pipe a = mp.pipe();
        Pipe b = mp.pipe();
        ProcessQueue<String> q = mp.queue();
        SimpleProcessQueue<String> simple = mp.simpleQueue();
        b.right().send("b");
        simple.put("s");

        assertThat(Connections.waitAny(List.of(a.left(), b.left(), q, simple), Duration.ofSeconds(30)))
                .containsExactly(b.left(), simple);
    }

    @Test
    void waitAnyReturnsNothingWhenItsTimeoutPassesAndWakesForAMessageSentMeanwhile() throws Exception {
        ProcessContext mp = context();
        Pipe a = mp.pipe();
        ProcessQueue<String> q = mp.queue();
        long begin = System.nanoTime();
        assertThat(Connections.waitAny(List.of(a.left(), q), Duration.ofMillis(100))).isEmpty();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

        CompletableFuture.runAsync(() -> q.offer("late"));
        assertThat(Connections.waitAny(List.of(a.left(), q), null)).containsExactly(q);
    }

    @Test
    void aPipeEndWhosePeerClosedIsReadySinceRecvWouldNotBlock() throws Exception {
        ProcessContext mp = context();
        Pipe a = mp.pipe();
        a.right().close();
        assertThat(Connections.waitAny(List.of(a.left()), Duration.ofSeconds(30))).containsExactly(a.left());
    }

    @Test
    void anInterruptEndsAWaitWithNoTimeout() throws Exception {
        ProcessContext mp = context();
        Pipe a = mp.pipe();
        Thread waiter = Thread.currentThread();
        CompletableFuture<Void> interrupting = onNewThread(() -> {
            waiter.interrupt();
            return null;
        });
        assertThatThrownBy(() -> Connections.waitAny(List.of(a.left()), null)).isInstanceOf(InterruptedException.class);
        interrupting.get(30, TimeUnit.SECONDS);
        Thread.interrupted();
    }

    @Test
    void otherObjectsAreRefused() {
        assertThatThrownBy(() -> Connections.waitAny(List.of("not a connection"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
    }
}
