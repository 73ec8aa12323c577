package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Connections;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.SimpleProcessQueue;

/**
 * A thread blocked in {@link Connections#waitAny} is woken by what other processes do: a message
 * a child sends, a message the parent sends to a waiting child, a child that exits.
 */
@Timeout(120)
public abstract class WaitAnyAcrossProcessesContract extends ContextContract {

    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void aWaitingParentIsWokenByAMessageAChildSends() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ProcessQueue<String> idle = mp.queue();
        ProcessEvent go = mp.event();
        ChildProcess sender = start(() -> {
            go.await();
            child.send("after the parent began to wait");
        });
        CompletableFuture<List<Object>> waiting = waitAnyInAnotherThread(List.of(idle, pipe.left()));

        go.set();

        assertThat(waiting.get(LONG.toSeconds(), TimeUnit.SECONDS)).containsExactly(pipe.left());
        assertThat(pipe.left().recv()).isEqualTo("after the parent began to wait");
        assertThat(sender.join(LONG)).isTrue();
    }

    @Test
    void aWaitingChildIsWokenByWhatTheParentPutsAndSaysWhatWasReady() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ProcessQueue<String> queue = mp.queue();
        SimpleProcessQueue<String> idle = mp.simpleQueue();
        ChildProcess waiter = start(() -> {
            child.send("waiting");
            List<Object> ready = Connections.waitAny(List.of(idle, queue), null);
            List<String> names = new ArrayList<>();
            for (Object object : ready) {
                names.add(object == queue ? "queue" : "other");
            }
            child.send(names);
        });
        assertThat(pipe.left().recv()).isEqualTo("waiting");

        queue.put("for the child");

        assertThat(pipe.left().recv()).isEqualTo(List.of("queue"));
        assertThat(waiter.join(LONG)).isTrue();
        assertThat(waiter.exitCode()).as("%s", waiter.exception()).isZero();
    }

    @Test
    void aWaitingParentIsWokenByAChildThatExits() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<String> idle = mp.queue();
        ProcessEvent go = mp.event();
        ChildProcess child = start(go::await);
        CompletableFuture<List<Object>> waiting = waitAnyInAnotherThread(List.of(idle, child));

        go.set();

        assertThat(waiting.get(LONG.toSeconds(), TimeUnit.SECONDS)).containsExactly(child);
        assertThat(child.exitCode()).isZero();
    }

    @Test
    void aWaitOnChildrenAloneEndsWhenOneOfThemExits() throws Exception {
        ProcessContext mp = context();
        ProcessEvent go = mp.event();
        ChildProcess sleeper = start(() -> Thread.sleep(60_000));
        ChildProcess quick = start(go::await);
        CompletableFuture<List<Object>> waiting = waitAnyInAnotherThread(List.of(sleeper, quick));

        go.set();

        assertThat(waiting.get(LONG.toSeconds(), TimeUnit.SECONDS)).containsExactly(quick);
        sleeper.kill();
        joinQuietly(sleeper);
    }

    @Test
    void aWaitingParentIsWokenByAChildThatIsKilled() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        ChildProcess child = start(() -> Thread.sleep(Long.MAX_VALUE));
        CompletableFuture<List<Object>> waiting = waitAnyInAnotherThread(List.of(pipe.left(), child));

        child.kill();

        assertThat(waiting.get(LONG.toSeconds(), TimeUnit.SECONDS)).containsExactly(child);
    }

    private static CompletableFuture<List<Object>> waitAnyInAnotherThread(List<Object> objects) {
        return onNewThread(() -> {
            try {
                return Connections.waitAny(objects, null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
