package org.multiprocessing4j.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PlatformTest {

    @Test
    void exitStatusOfASignalledJvmBecomesMinusTheSignalAsInPython() {
        assertThat(Platform.pythonExitCode(0)).isZero();
        assertThat(Platform.pythonExitCode(1)).isEqualTo(1);
        assertThat(Platform.pythonExitCode(128)).isEqualTo(128);
        assertThat(Platform.pythonExitCode(137)).isEqualTo(-9);
        assertThat(Platform.pythonExitCode(143)).isEqualTo(-15);
        assertThat(Platform.pythonExitCode(255)).isEqualTo(255);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void processStampIsTheStartTimeOfARunningProcessAndEmptyForAnExitedOne() throws Exception {
        long self = ProcessHandle.current().pid();
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String startTime = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[22 - 3];
        assertThat(Platform.processStamp(self)).hasValue(Long.parseLong(startTime));

        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        assertThat(Platform.processStamp(exited.pid())).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aZombieIsNotRunning() throws Exception {
        // the background child exits after the shell has become a sleep, which never reaps it
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.5 & echo $!; exec sleep 30").start();
        try {
            long zombie = Long.parseLong(parent.inputReader().readLine().strip());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(Path.of("/proc/" + zombie + "/stat")).contains(") Z "));
            assertThat(ProcessHandle.of(zombie)).as("the JDK takes a zombie for alive").isPresent();
            assertThat(Platform.processStamp(zombie)).isEmpty();
        } finally {
            parent.destroyForcibly();
        }
    }
}
