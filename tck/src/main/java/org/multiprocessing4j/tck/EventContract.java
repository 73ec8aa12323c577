package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessEvent;

/** An event's contract among the threads of one process. */
@Timeout(30)
public abstract class EventContract extends ContextContract {

    private ProcessEvent event;

    @BeforeEach
    void makeAnEvent() {
        event = context().event();
    }

    @Test
    void setReleasesWaitersAndClearMakesThemWaitAgain() throws Exception {
        assertThat(event.isSet()).isFalse();
        CompletableFuture<Boolean> first = waiter(Duration.ofSeconds(20));
        CompletableFuture<Boolean> second = waiter(Duration.ofSeconds(20));
        event.set();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(event.isSet()).isTrue();
        assertThat(event.await(Duration.ZERO)).isTrue();

        event.clear();
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(30, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void anEventSetAndClearedWhileAThreadWaitsReleasesIt() throws Exception {
        CompletableFuture<Boolean> waiter = waiter(Duration.ofSeconds(20));
        // pulses until the waiter has seen one: a pulse before it began waiting does not count
        while (!waiter.isDone()) {
            event.set();
            event.clear();
            Thread.sleep(5);
        }
        assertThat(waiter.get()).isTrue();
        assertThat(event.isSet()).isFalse();
    }

    @Test
    void testRepr_toStringSaysWhetherTheEventIsSet() {
        assertThat(event.toString()).isEqualTo("ProcessEvent[clear]");
        event.set();
        assertThat(event.toString()).isEqualTo("ProcessEvent[set]");
        event.clear();
        assertThat(event.toString()).isEqualTo("ProcessEvent[clear]");
    }

    @Test
    void aSerializedEventIsTheSameEvent() throws Exception {
        ProcessEvent copy = roundTrip(event);
        CompletableFuture<Boolean> waiter = waiter(Duration.ofSeconds(20));
        copy.set();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(event.toString()).isEqualTo("ProcessEvent[set]");
    }

    private CompletableFuture<Boolean> waiter(Duration timeout) {
        return onNewThread(() -> {
            try {
                return event.await(timeout);
            } catch (InterruptedException e) {
                return false;
            }
        });
    }
}
