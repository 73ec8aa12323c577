package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.BrokenPipeException;
import org.multiprocessing4j.BufferTooShortException;
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
        child.close();

        assertThat(pipe.left().recv()).isEqualTo(Arrays.asList(23, null, "child"));
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
        child.close();
        assertThat(sent.await(Duration.ofSeconds(60))).isTrue();
        p.kill();
        assertThat(p.join(Duration.ofSeconds(30))).isTrue();

        assertThat(pipe.left().recv()).isEqualTo("first");
        assertThat(pipe.left().recv()).isEqualTo("second");
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
    }

    @Test
    void aBlockedRecvEndsWithEndOfFileWhenThePeerProcessExitsWithoutClosing() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ChildProcess p = start(() -> child.send("only"));
        child.close();

        assertThat(pipe.left().recv()).isEqualTo("only");
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
        assertExitsCleanly(p);
    }

    @Test
    void aSendBlockedOnAFullPipeFailsWithBrokenPipeWhenTheReadingChildIsKilled() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        PipeEnd reading = pipe.left();
        ProcessEvent dataSeen = mp.event();
        ChildProcess reader = start(() -> {
            // the first chunk is in: the sender got past its look at the reader and is in the message
            while (!reading.poll(Duration.ofMillis(100))) {
                Thread.onSpinWait();
            }
            dataSeen.set();
            Thread.sleep(Long.MAX_VALUE);
        });
        reading.close();
        // three times what the pipe holds: the sender fills it, then waits for room that never comes
        CompletableFuture<Void> sender = onNewThread(() -> {
            try {
                pipe.right().sendBytes(new byte[3 * pipeRoom()]);
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(dataSeen.await(PATIENCE)).isTrue();

        reader.kill();

        assertThatThrownBy(() -> sender.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(BrokenPipeException.class);
        assertThatThrownBy(() -> pipe.right().send("more")).isInstanceOf(BrokenPipeException.class);
    }

    @Test
    void aSendToAPipeWhoseReadingChildExitedWithoutClosingItFailsWithBrokenPipe() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        ChildProcess reader = startHolding(pipe.left());
        reader.terminate();
        assertThat(reader.join(Duration.ofSeconds(60))).isTrue();

        assertThatThrownBy(() -> pipe.right().send("nobody reads this")).isInstanceOf(BrokenPipeException.class);
    }

    @Test
    void aMessageSentAfterARecvHereWasInterruptedReachesTheChildThatAlsoHoldsTheEnd() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd shared = pipe.left();
        ProcessEvent sent = mp.event();
        ProcessQueue<Object> received = mp.queue();
        ChildProcess child = start(() -> {
            sent.await();
            received.put(shared.recv());
        });
        Thread receiver = new Thread(() -> {
            try {
                shared.recv();
            } catch (InterruptedException | IOException e) {
                // what the interrupt is for
            }
        });
        receiver.start();
        // time to be deep in its wait; an interrupt that came before it would end it the same way
        Thread.sleep(300);
        receiver.interrupt();
        receiver.join(TimeUnit.SECONDS.toMillis(30));

        // sent while whatever the interrupted recv left behind may still be waiting for it; this
        // process keeps its copy of the end, and receives no more
        pipe.right().send("for the child");
        sent.set();

        assertThat(received.poll(PATIENCE)).isEqualTo("for the child");
        assertExitsCleanly(child);
        shared.close();
    }

    /** A child that holds a copy of {@code end} until stopped; this process closes its own. */
    private ChildProcess startHolding(PipeEnd end) throws InterruptedException {
        ProcessContext mp = context();
        ProcessEvent holding = mp.event();
        ChildProcess child = start(() -> {
            if (end.isReadable()) {
                holding.set();
            }
            Thread.sleep(Long.MAX_VALUE);
        });
        end.close();
        assertThat(holding.await(Duration.ofSeconds(60))).as("the child holds the end").isTrue();
        return child;
    }

    @Test
    void testSpawnClose_theParentClosesItsCopyRightAfterStartAndTheChildStillEchoes() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ChildProcess echo = start(() -> {
            for (byte[] message = child.recvBytes(); message.length > 0; message = child.recvBytes()) {
                child.sendBytes(message);
            }
            child.close();
        });
        // before the child has read its target, perhaps: its copy is held for it meanwhile
        child.close();

        pipe.left().sendBytes("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pipe.left().recvBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        pipe.left().sendBytes(new byte[0]);
        assertThatThrownBy(() -> pipe.left().recvBytes()).isInstanceOf(EOFException.class);
        assertExitsCleanly(echo);
    }

    @Test
    void testConnection_objectsAndBytesOfEverySizeGoRoundAChildAndBackThenEndOfFile() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        ChildProcess echo = start(() -> {
            child.send(child.recv());
            for (byte[] message = child.recvBytes(); message.length > 0; message = child.recvBytes()) {
                child.sendBytes(message);
            }
            child.close();
        });
        PipeEnd here = pipe.left();

        List<Object> sequence = Arrays.asList(1, 2.25, null);
        here.send(sequence);
        assertThat(here.recv()).isEqualTo(sequence);
        byte[] hello = "hello world".getBytes(StandardCharsets.US_ASCII);
        here.sendBytes(hello);
        assertThat(here.recvBytes()).isEqualTo(hello);

        byte[] four = {0, 1, 2, 3};
        byte[] buffer = new byte[10];
        here.sendBytes(four);
        assertThat(here.recvBytesInto(buffer, 0)).isEqualTo(4);
        assertThat(buffer).containsExactly(0, 1, 2, 3, 0, 0, 0, 0, 0, 0);
        buffer = new byte[10];
        here.sendBytes(four);
        assertThat(here.recvBytesInto(buffer, 3)).isEqualTo(4);
        assertThat(buffer).containsExactly(0, 0, 0, 0, 1, 2, 3, 0, 0, 0);
        byte[] longer = "hello world".repeat(10).getBytes(StandardCharsets.US_ASCII);
        here.sendBytes(longer);
        assertThatThrownBy(() -> here.recvBytesInto(new byte[40], 0)).isInstanceOfSatisfying(
                BufferTooShortException.class, e -> assertThat(e.message()).isEqualTo(longer));

        assertThat(here.poll()).isFalse();
        assertThat(here.poll(Duration.ofMillis(-1))).isFalse();
        long begin = System.nanoTime();
        assertThat(here.poll(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(100), PATIENCE);
        here.sendBytes(new byte[] {42});
        assertThat(here.poll(PATIENCE)).isTrue();
        assertThat(here.recvBytes()).containsExactly(42);

        byte[] large = new byte[16 << 20];
        Arrays.fill(large, (byte) 'X');
        here.sendBytes(large);
        assertThat(Arrays.equals(here.recvBytes(), large)).as("16 MiB back intact").isTrue();

        // an empty message tells the child to stop
        here.sendBytes(new byte[0]);
        child.close();
        assertThat(here.isReadable()).isTrue();
        assertThat(here.isWritable()).isTrue();
        assertThatThrownBy(here::recv).isInstanceOf(EOFException.class);
        assertThatThrownBy(here::recvBytes).isInstanceOf(EOFException.class);
        assertExitsCleanly(echo);
    }

    @Test
    void testStrings_messagesAChildSendsAtIntervalsEmptyOnesIncludedArriveWholeAndInOrder() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        List<String> strings = List.of("hello", "", "a", "b", "", "bye", "", "lop");
        ChildProcess sender = start(() -> {
            for (String s : strings) {
                Thread.sleep(20);
                child.sendBytes(s.getBytes(StandardCharsets.US_ASCII));
            }
            child.close();
        });
        for (String s : strings) {
            // short polls, most of which end before the next message has come
            boolean ready = false;
            for (int polls = 0; polls < 200 && !ready; polls++) {
                ready = pipe.left().poll(Duration.ofMillis(10));
            }
            assertThat(new String(pipe.left().recvBytes(), StandardCharsets.US_ASCII)).isEqualTo(s);
        }
        assertExitsCleanly(sender);
    }

    @Test
    void testBoundaries_aPollInAnotherProcessTakesNothingOfTheMessagesItSees() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        PipeEnd reading = pipe.left();
        ProcessEvent polling = mp.event();
        ChildProcess poller = start(() -> {
            polling.set();
            reading.poll(PATIENCE);
        });
        assertThat(polling.await(PATIENCE)).isTrue();
        // long enough that the child is most likely in its poll
        Thread.sleep(50);
        pipe.right().sendBytes("first".getBytes(StandardCharsets.US_ASCII));
        pipe.right().sendBytes("second".getBytes(StandardCharsets.US_ASCII));
        pipe.right().close();
        assertExitsCleanly(poller);

        assertThat(new String(reading.recvBytes(), StandardCharsets.US_ASCII)).isEqualTo("first");
        assertThat(new String(reading.recvBytes(), StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThatThrownBy(reading::recvBytes).isInstanceOf(EOFException.class);
    }

    @Test
    void testDontMerge_messagesAChildSendsInQuickSuccessionArriveOneByOneAndPollTakesNone() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        PipeEnd child = pipe.right();
        PipeEnd here = pipe.left();
        assertThat(here.poll(Duration.ZERO)).isFalse();
        assertThat(here.poll(Duration.ofMillis(100))).isFalse();
        ChildProcess sender = start(() -> {
            child.sendBytes(new byte[] {'a'});
            child.sendBytes(new byte[] {'b'});
            child.sendBytes(new byte[] {'c', 'd'});
        });

        assertThat(here.recvBytes()).containsExactly('a');
        assertThat(here.poll(PATIENCE)).isTrue();
        assertThat(here.poll(PATIENCE)).isTrue();
        assertThat(here.recvBytes()).containsExactly('b');
        assertThat(here.poll(PATIENCE)).isTrue();
        assertThat(here.poll(PATIENCE)).isTrue();
        assertThat(here.poll(Duration.ZERO)).isTrue();
        assertThat(here.recvBytes()).containsExactly('c', 'd');
        assertExitsCleanly(sender);
    }

    @Test
    void aWriterThatExitsLeavesThePipeOpenWhileAnotherProcessHoldsTheWritingEnd() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        PipeEnd writing = pipe.right();
        ProcessEvent go = mp.event();
        ChildProcess first = start(() -> writing.send("from the first"));
        ChildProcess second = start(() -> {
            go.await();
            writing.send("from the second, after the first exited");
        });
        writing.close();

        assertThat(pipe.left().recv()).isEqualTo("from the first");
        assertExitsCleanly(first);
        go.set();
        assertThat(pipe.left().recv()).isEqualTo("from the second, after the first exited");
        assertExitsCleanly(second);
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
    }

    @Test
    void aReaderThatExitsLeavesSendsWorkingWhileAnotherProcessHoldsTheReadingEnd() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        PipeEnd reading = pipe.left();
        ProcessQueue<String> received = mp.queue();
        ProcessEvent go = mp.event();
        ChildProcess quitter = start(() -> {
            if (reading.isReadable()) {
                received.put("the first reader holds the end and exits");
            }
        });
        ChildProcess stayer = start(() -> {
            go.await();
            received.put(reading.recv(String.class));
        });
        reading.close();
        assertThat(received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        assertExitsCleanly(quitter);

        pipe.right().send("for the reader that stayed");
        go.set();
        assertThat(received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("for the reader that stayed");
        assertExitsCleanly(stayer);
        await().atMost(PATIENCE).until(() -> sendFails(pipe.right()));
    }

    @Test
    void anEndSentThroughAQueueIsHeldOnItsWayAndThenByItsReceiver() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        ProcessQueue<PipeEnd> ends = mp.queue();
        ProcessEvent go = mp.event();
        ChildProcess receiver = start(() -> {
            go.await();
            PipeEnd writing = ends.take();
            writing.send("through an end that came in a queue");
        });
        ends.put(pipe.right());
        pipe.right().close();
        go.set();

        assertThat(pipe.left().recv()).isEqualTo("through an end that came in a queue");
        assertExitsCleanly(receiver);
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
    }

    private static boolean sendFails(PipeEnd end) throws InterruptedException {
        try {
            end.send("probe");
            return false;
        } catch (BrokenPipeException e) {
            return true;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
                int n = child.recv(int.class);
                child.send(n + 1);
            }
        });
        for (int i = 0; i < 1000; i++) {
            pipe.left().send(i);
            assertThat(pipe.left().recv()).isEqualTo(i + 1);
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
