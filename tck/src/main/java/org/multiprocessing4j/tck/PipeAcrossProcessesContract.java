package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.BrokenPipeException;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Connections;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessQueue;

/**
 * Pipes between this JVM and child JVMs: order, end of file, a dead peer on either side, a 100 MB
 * message.
 */
@Timeout(120)
public abstract class PipeAcrossProcessesContract extends ContextContract {

    @Test
    void aChildSendsAListAndClosesAndTheParentReceivesItThenEndOfFile() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ChildProcess p = start(() -> {
            child.send(Arrays.asList(23, null, "child"));
            child.close();
        });

        assertThat((Object) pipe.left().recv()).isEqualTo(Arrays.asList(23, null, "child"));
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
        assertExitsCleanly(p);
    }

    @Test
    void recvAfterThePeerProcessIsKilledReturnsWhatItSentThenEndOfFile() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ProcessEvent sent = mp.event();
        ChildProcess p = start(() -> {
            child.send("first");
            child.send("second");
            sent.set();
            Thread.sleep(Long.MAX_VALUE);
        });
        assertThat(sent.await(Duration.ofSeconds(60))).isTrue();
        p.kill();
        assertThat(p.join(Duration.ofSeconds(30))).isTrue();

        assertThat((Object) pipe.left().recv()).isEqualTo("first");
        assertThat((Object) pipe.left().recv()).isEqualTo("second");
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
    }

    @Test
    void aBlockedRecvEndsWithEndOfFileWhenThePeerProcessExitsWithoutClosing() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ChildProcess p = start(() -> child.send("only"));

        assertThat((Object) pipe.left().recv()).isEqualTo("only");
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
        assertExitsCleanly(p);
    }

    @Test
    void aSendBlockedOnAFullPipeFailsWithBrokenPipeWhenTheReadingChildIsKilled() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        ChildProcess reader = startHolding(pipe.left());
        // three times what the pipe holds: the sender fills it, then waits for room that never comes
        CompletableFuture<Void> sender = onNewThread(() -> {
            try {
                pipe.right().sendBytes(new byte[3 * pipeRoom()]);
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the first chunk is in: the sender got past its look at the reader and is in the message
        await().atMost(Duration.ofSeconds(60)).until(() -> pipe.left().poll());

        reader.kill();

        assertThatThrownBy(() -> sender.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(BrokenPipeException.class)
                .hasStackTraceContaining("has exited");
        assertThatThrownBy(() -> pipe.right().send("more")).isInstanceOf(BrokenPipeException.class);
    }

    @Test
    void aSendToAPipeWhoseReadingChildExitedWithoutClosingItFailsWithBrokenPipe() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        ChildProcess reader = startHolding(pipe.left());
        reader.terminate();
        assertThat(reader.join(Duration.ofSeconds(60))).isTrue();

        assertThatThrownBy(() -> pipe.right().send("nobody reads this")).isInstanceOf(BrokenPipeException.class)
                .hasMessageContaining("has exited");
    }

    /** A child that holds {@code end} (receiving it makes the child its holder) until stopped. */
    private ChildProcess startHolding(PipeEnd end) throws InterruptedException {
        ProcessContext mp = context();
        ProcessEvent holding = mp.event();
        ChildProcess child = start(() -> {
            if (end.isReadable()) {
                holding.set();
            }
            Thread.sleep(Long.MAX_VALUE);
        });
        assertThat(holding.await(Duration.ofSeconds(60))).as("the child holds the end").isTrue();
        return child;
    }

    @Test
    void aHundredMegabyteMessageRoundTripsThroughAChildIntact() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ChildProcess echo = start(() -> child.sendBytes(child.recvBytes()));
        byte[] message = new byte[100 * 1024 * 1024];
        new Random(42).nextBytes(message);

        pipe.left().sendBytes(message);
        byte[] back = pipe.left().recvBytes();

        assertThat(back.length).isEqualTo(message.length);
        assertThat(Arrays.equals(back, message)).as("the echoed bytes equal the sent ones").isTrue();
        assertExitsCleanly(echo);
    }

    @Test
    void aThousandRoundTripsBetweenParentAndChildKeepTheirOrder() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ChildProcess p = start(() -> {
            for (int i = 0; i < 1000; i++) {
                int n = child.recv();
                child.send(n + 1);
            }
        });
        for (int i = 0; i < 1000; i++) {
            pipe.left().send(i);
            assertThat((Object) pipe.left().recv()).isEqualTo(i + 1);
        }
        assertExitsCleanly(p);
    }

    @Test
    void waitAnyReportsAChildThatExitedAndAPipeEndItWroteTo() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ProcessQueue<String> idle = mp.queue();
        ChildProcess writer = start(() -> child.send("from the child"));
        ChildProcess sleeper = start(() -> Thread.sleep(60_000));

        assertThat(writer.join(Duration.ofSeconds(60))).isTrue();
        assertThat(Connections.waitAny(List.of(idle, sleeper, pipe.left(), writer), Duration.ofSeconds(30)))
                .containsExactly(pipe.left(), writer);
        sleeper.kill();
        assertThat(Connections.waitAny(List.of(idle, sleeper), Duration.ofSeconds(30))).containsExactly(sleeper);
    }
}
