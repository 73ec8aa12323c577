package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.internal.launch.LocalRuntime;

/** When the parent's main returns: non-daemon children are waited for, daemon children terminated. */
@Timeout(120)
class ParentExitIT {

    @TempDir
    Path dir;

    /** Starts a daemon child that would sleep for ever and a plain child that finishes late. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            String marker = args[0];
            ChildProcess daemon = Multiprocessing.process(() -> Thread.sleep(600_000)).daemon(true);
            ChildProcess plain = Multiprocessing.process(() -> {
                Thread.sleep(1_000);
                Files.writeString(Path.of(marker), "done");
            });
            daemon.start();
            plain.start();
            Multiprocessing.context().prestart(Duration.ofSeconds(30));
            System.out.println("daemon " + daemon.pid());
            System.out.println("spares " + ProcessHandle.current().children().map(ProcessHandle::pid)
                    .filter(pid -> pid != daemon.pid() && pid != plain.pid()).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(" ")));
            System.out.println("session " + LocalRuntime.instance().sessionPath());
            System.out.flush();
        }
    }

    @Test
    void mainReturningWaitsForPlainChildrenAndEndsDaemonChildrenAndSpares() throws Exception {
        Path marker = dir.resolve("marker");
        Process parent = new ProcessBuilder(OrphanIT.javaLauncher(), "-cp", System.getProperty("java.class.path"),
                Parent.class.getName(), marker.toString()).redirectErrorStream(true).start();
        long daemonPid;
        java.util.List<Long> spares;
        Path session;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            daemonPid = Long.parseLong(lines.readLine().substring("daemon ".length()));
            spares = java.util.Arrays.stream(lines.readLine().substring("spares ".length()).split(" "))
                    .filter(pid -> !pid.isEmpty()).map(Long::valueOf).toList();
            session = Path.of(lines.readLine().substring("session ".length()));
            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.destroyForcibly();
        }

        assertThat(parent.exitValue()).isZero();
        assertThat(marker).as("the plain child finished before the parent exited").hasContent("done");
        await().atMost(Duration.ofSeconds(2)).until(() -> !OrphanIT.isRunning(daemonPid));
        assertThat(spares).isNotEmpty();
        await().atMost(Duration.ofSeconds(2)).until(() -> spares.stream().noneMatch(OrphanIT::isRunning));
        assertThat(Files.exists(session)).isFalse();
    }
}
