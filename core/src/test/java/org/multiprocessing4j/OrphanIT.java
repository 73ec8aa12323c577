package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.internal.launch.LocalRuntime;
import org.multiprocessing4j.internal.platform.Platform;

/**
 * Children never outlive their parent, even when it is killed without a chance to clean up, and
 * they learn of its death at once, on a busy machine too.
 */
@Timeout(120)
class OrphanIT {

    /**
     * A parent JVM: makes a named block, starts a daemon child, a plain child, a grandchild, a pool
     * whose workers spin, and spares, reports them, waits.
     */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            System.out.println("block " + Multiprocessing.sharedMemory(4096).name());
            ChildProcess daemon = Multiprocessing.process(() -> Thread.sleep(600_000)).daemon(true);
            ChildProcess plain = Multiprocessing.process(() -> {
                ChildProcess grandchild = Multiprocessing.process(() -> Thread.sleep(600_000));
                grandchild.start();
                System.out.println("grandchild " + grandchild.pid());
                System.out.flush();
                grandchild.join();
            });
            daemon.start();
            plain.start();
            ProcessPool pool = Multiprocessing.pool(2);
            ProcessQueue<Long> working = Multiprocessing.queue();
            pool.mapAsync(n -> {
                working.put(ProcessHandle.current().pid());
                for (long spin = 0; spin >= 0; spin += System.nanoTime() & 1) {
                    // busy until the end
                }
                return n;
            }, List.of(1, 2), 1);
            System.out.println("pid " + working.take());
            System.out.println("pid " + working.take());
            Multiprocessing.context().prestart(Duration.ofSeconds(30));
            System.out.println("pid " + daemon.pid());
            System.out.println("pid " + plain.pid());
            // the idle spare JVMs too, and any other descendant
            ProcessHandle.current().descendants().forEach(descendant -> System.out.println("pid " + descendant.pid()));
            System.out.println("end of pids");
            System.out.println("session " + LocalRuntime.instance().sessionPath());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    @Test
    void killingTheParentWithSigkillOnABusyMachineEndsEveryDescendantWithinHalfASecondAndTheyUnlinkItsBlocks()
            throws Exception {
        Process parent = new ProcessBuilder(javaLauncher(), "-cp", System.getProperty("java.class.path"),
                Parent.class.getName()).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        List<Process> load = new ArrayList<>();
        Path session = null;
        String block = null;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            boolean allPids = false;
            boolean grandchild = false;
            while (session == null || !allPids || !grandchild) {
                String line = lines.readLine();
                assertThat(line).as("parent output ended early").isNotNull();
                allPids |= line.equals("end of pids");
                if (line.startsWith("pid ")) {
                    pids.add(Long.parseLong(line.substring(4)));
                } else if (line.startsWith("grandchild ")) {
                    grandchild = true;
                    pids.add(Long.parseLong(line.substring(11)));
                } else if (line.startsWith("session ")) {
                    session = Path.of(line.substring(8));
                } else if (line.startsWith("block ")) {
                    block = line.substring(6);
                }
            }
            assertThat(pids).as("daemon, plain child, grandchild, workers and at least one spare").hasSizeGreaterThan(5);
            for (long pid : pids) {
                assertThat(isRunning(pid)).as("descendant %d running", pid).isTrue();
            }

            // two spinning processes a core besides the pool's: every core is wanted by three
            for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                load.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            long killed = System.nanoTime();
            parent.destroyForcibly();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Path parentSession = session;
            Duration left = Duration.ofMillis(500).minusNanos(System.nanoTime() - killed);
            assertThat(left).as("time left of the half second once the parent was reaped").isPositive();
            await().atMost(left).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
                for (long pid : pids) {
                    assertThat(isRunning(pid)).as("pid %d: %s", pid, describe(pid)).isFalse();
                }
            });
            load.forEach(Process::destroyForcibly);
            await().atMost(Duration.ofSeconds(5)).until(() -> !parentSession.toFile().exists());
            assertThat(block).isNotNull();
            assertThat(Path.of("/dev/shm", block)).doesNotExist();
        } finally {
            load.forEach(Process::destroyForcibly);
            parent.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * Whether a process runs. An orphan that has exited stays a zombie until the system's init
     * process reaps it, and {@link ProcessHandle#isAlive()} counts zombies as alive.
     */
    static boolean isRunning(long pid) {
        return Platform.processStamp(pid).isPresent();
    }

    private static String describe(long pid) {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status")).subList(0, 8).toString();
        } catch (java.io.IOException e) {
            return "gone";
        }
    }

    static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
