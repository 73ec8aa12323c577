package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedEventTest {

    private final ServedEvent event = new ServedEvent();

    @Test
    void setAndClearChangeTheFlag() {
        assertThat(event.isSet()).isFalse();
        event.set();
        event.set();
        assertThat(event.isSet()).isTrue();
        event.clear();
        assertThat(event.isSet()).isFalse();
    }

    @Test
    void awaitReturnsAtOnceWhenTheFlagIsSet() throws Exception {
        event.set();

        event.await();
        assertThat(event.await(0, TimeUnit.NANOSECONDS)).isTrue();
        assertThat(event.await(Duration.ofHours(1))).isTrue();
    }

    @Test
    void aTimedAwaitOnAClearFlagRunsOutOfTime() throws Exception {
        assertThat(event.await(1, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(event.await(Duration.ZERO)).isFalse();
    }

    @Test
    void setReleasesEveryWaiter() throws Exception {
        ConnectionThread<Boolean> timed = ConnectionThread.start(() -> event.await(Duration.ofHours(1)));
        ConnectionThread<Boolean> untimed = ConnectionThread.start(() -> {
            event.await();
            return true;
        });
        timed.awaitWaiting();
        untimed.awaitWaiting();

        event.set();

        assertThat(timed.result()).isTrue();
        assertThat(untimed.result()).isTrue();
    }

    @Test
    void aWaiterIsReleasedBySetEvenIfTheFlagIsClearedBeforeItLooks() throws Exception {
        ConnectionThread<Boolean> waiter = ConnectionThread.start(() -> event.await(Duration.ofHours(1)));
        waiter.awaitWaiting();

        event.set();
        event.clear();

        assertThat(waiter.result()).isTrue();
        assertThat(event.isSet()).isFalse();
    }
}
