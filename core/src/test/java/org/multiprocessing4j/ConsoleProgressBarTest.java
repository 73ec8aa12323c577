package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {

    @Test
    void aRunUnderWayShowsTheShareTheRateAndTheTimeLeft() {
        PoolProgress half = new PoolProgress(2400, 1190, 10, Duration.ofSeconds(3), 400);

        assertThat(ConsoleProgressBar.line(half))
                .isEqualTo("[###############...............]  1200/2400   50%  400.0 tasks/s  ETA 0:03  (10 failed)");
    }

    @Test
    void aRunWithoutARateYetShowsNoTimeLeft() {
        assertThat(ConsoleProgressBar.line(new PoolProgress(10, 0, 0, Duration.ZERO, 0)))
                .isEqualTo("[..............................]  0/10    0%  0.0 tasks/s");
    }

    @Test
    void aFinishedRunShowsItsDurationAndEndsTheLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .progress(new PoolProgress(5, 5, 0, Duration.ofSeconds(3725), 2));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r[##############################]  5/5  100%  2.0 tasks/s  in 1:02:05" + System.lineSeparator());
    }
}
