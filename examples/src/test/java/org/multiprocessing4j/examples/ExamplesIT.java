package org.multiprocessing4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each example's {@code main} in its own JVM, as a user would, and checks what it prints.
 */
class ExamplesIT {

    private static final long TIMEOUT_SECONDS = 60;
    /** Every child of the examples starts on the cluster's member, a second or two each. */
    private static final long CLUSTER_TIMEOUT_SECONDS = 300;

    /** Where the number starts in a "  process id:" line of {@link CurrentProcessExample}. */
    private static final int PID_COLUMN = "  process id:     ".length();

    @TempDir
    Path workDirectory;

    @Test
    void processExamplePrintsEveryNumberModuloTwoOnce() throws Exception {
        Run run = run(ProcessExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe())
                .containsExactlyInAnyOrder("1", "0", "1", "1", "0");
    }

    @Test
    void terminateExampleStopsTheChildWithSigterm() throws Exception {
        Run run = run(TerminateExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly(
                "before start: Process-1 alive=false, exit code=null",
                "after start: Process-1 alive=true, exit code=null",
                "after terminate and join: Process-1 alive=false, exit code=-15",
                "terminated by SIGTERM: true");
    }

    @Test
    void currentProcessExampleNamesTheMainProcessAndEachChild() throws Exception {
        Run run = run(CurrentProcessExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).hasSize(14);
        String mainPid = Long.toString(run.pid());
        String bobPid = run.stdout().get(6).substring(PID_COLUMN);
        String alicePid = run.stdout().get(11).substring(PID_COLUMN);
        assertThat(run.stdout()).as(run.describe()).containsExactly(
                "main line",
                "  process name:   MainProcess",
                "  process id:     " + mainPid,
                "  parent process: none",
                "function f",
                "  process name:   Process-1",
                "  process id:     " + bobPid,
                "  parent process: MainProcess (pid " + mainPid + ")",
                "  hello bob",
                "function f",
                "  process name:   worker",
                "  process id:     " + alicePid,
                "  parent process: MainProcess (pid " + mainPid + ")",
                "  hello alice");
        assertThat(List.of(mainPid, bobPid, alicePid)).as("the pids of the main process and of both children")
                .allMatch(pid -> pid.matches("\\d+"))
                .doesNotHaveDuplicates();
    }

    @Test
    void sharedMemoryExamplePrintsWhatTheChildWrote() throws Exception {
        Run run = run(SharedMemoryExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("hello");
    }

    @Test
    void shareableListExamplePrintsTheItemsTheChildChanged() throws Exception {
        Run run = run(ShareableListExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("[changed, 101, 2.5, true, null]");
    }

    @Test
    void lockExamplePrintsEveryChildsLineWhole() throws Exception {
        Run run = run(LockExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactlyInAnyOrder(
                "hello world 0", "hello world 1", "hello world 2", "hello world 3", "hello world 4");
    }

    @Test
    void queueExamplePrintsTheListTheChildPut() throws Exception {
        Run run = run(QueueExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("[u, 0, hello]");
    }

    @Test
    void pipeExamplePrintsTheListTheChildSent() throws Exception {
        Run run = run(PipeExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("[23, null, child]");
    }

    @Test
    void connectionExamplePrintsWhatTheChildSentThroughTheListener() throws Exception {
        Run run = run(ConnectionExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("[2.25, null, junk]", "hello");
    }

    @Test
    void poolExamplePrintsTheSquaresInOrder() throws Exception {
        Run run = run(PoolExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("[25, 100, 400]");
    }

    @Test
    void sharedArrayExampleSumsWhatEveryChildWrote() throws Exception {
        Run run = run(SharedArrayExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe())
                .containsExactly("filled 1000000 elements in 4 children", "sum: 249999750000.0");
    }

    @Test
    void managerMapExampleCountsEveryChildsWordsWithoutLosingAny() throws Exception {
        Run run = run(ManagerMapExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly(
                "4 files, 71 words, 41 different", "of: 6", "it: 5", "the: 5", "a: 4", "was: 4");
    }

    @Test
    void remoteManagerExamplePrintsWhatTheSecondJvmDidOverTheSocket() throws Exception {
        Run run = run(RemoteManagerExample.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe())
                .containsExactly("done in the second JVM: [stressed -> desserts, drawer -> reward, live -> evil]");
    }

    @Test
    void folderChecksumsGetsTheSameDigestInOneProcessAndInThePool() throws Exception {
        Run run = run(FolderChecksums.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).hasSize(5);
        assertThat(run.stdout().get(0)).as(run.describe())
                .matches("files: 320, bytes: \\d+ \\(\\d+\\.\\d MB\\), SHA3-256 of each");
        String sequential = combinedDigest(run.stdout().get(1), "sequential, in this process: ");
        String pooled = combinedDigest(run.stdout().get(2), "pool of ");
        assertThat(sequential).as(run.describe()).matches("[0-9a-f]{64}").isEqualTo(pooled);
        assertThat(run.stdout().get(3)).as(run.describe()).startsWith("speed-up: ");
        assertThat(run.stdout().get(4)).as(run.describe()).isEqualTo("the combined digests match");
    }

    @Test
    void allExamplesRunsEveryExampleUnderItsHeader() throws Exception {
        Run run = run(AllExamples.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> headers = run.stdout().stream().filter(line -> line.startsWith("=== ")).toList();
        assertThat(headers).as(run.describe()).hasSize(AllExamples.EXAMPLES.size());
        for (int i = 0; i < headers.size(); i++) {
            assertThat(headers.get(i)).startsWith("=== " + AllExamples.EXAMPLES.get(i).name() + ": ");
        }
        // the process example's five children print these, and no other example prints a bare digit
        assertThat(run.stdout().stream().filter(line -> line.matches("\\d")).toList()).as(run.describe())
                .containsExactlyInAnyOrder("1", "0", "1", "1", "0");
        assertThat(run.stdout()).as(run.describe())
                .contains("  process name:   MainProcess", "  process name:   worker",
                        "terminated by SIGTERM: true", "[u, 0, hello]", "[23, null, child]", "[25, 100, 400]",
                        "sum: 249999750000.0", "4 files, 71 words, 41 different",
                        "done in the second JVM: [stressed -> desserts, drawer -> reward, live -> evil]",
                        "the combined digests match");
    }

    @Test
    void allExamplesRunUnchangedOnAClusterChosenByTheContextProperty() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Run run = run(AllExamples.class, CLUSTER_TIMEOUT_SECONDS, "-Dmultiprocessing4j.context=hazelcast",
                "-Dmultiprocessing4j.context.cluster=examples-" + UUID.randomUUID(),
                "-Dmultiprocessing4j.context.port=" + port,
                "-Dmultiprocessing4j.context.members=127.0.0.1:" + port);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> headers = run.stdout().stream().filter(line -> line.startsWith("=== ")).toList();
        assertThat(headers).as(run.describe()).hasSize(AllExamples.EXAMPLES.size());
        long oneMachine = AllExamples.EXAMPLES.stream().filter(AllExamples.Example::oneMachine).count();
        assertThat(run.stdout().stream().filter(line -> line.startsWith("skipped: the hazelcast context")))
                .as(run.describe()).hasSize((int) oneMachine);
        assertThat(run.stdout().stream().filter(line -> line.matches("\\d")).toList()).as(run.describe())
                .containsExactlyInAnyOrder("1", "0", "1", "1", "0");
        assertThat(run.stdout()).as(run.describe())
                .contains("  process name:   MainProcess", "  process name:   worker",
                        "terminated by SIGTERM: true", "[25, 100, 400]", "4 files, 71 words, 41 different",
                        "done in the second JVM: [stressed -> desserts, drawer -> reward, live -> evil]",
                        "the combined digests match");
    }

    /** The digest at the end of a line of {@link FolderChecksums} that gives a run's time. */
    private static String combinedDigest(String line, String start) {
        assertThat(line).startsWith(start).contains(" s   combined digest ");
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    /** What a finished example JVM left behind. */
    private record Run(Class<?> example, long pid, int exitCode, List<String> stdout, String stderr) {

        String describe() {
            return example.getSimpleName() + " (exit code " + exitCode + ")\n--- stdout ---\n"
                    + String.join("\n", stdout) + "\n--- stderr ---\n" + stderr;
        }
    }

    /**
     * Runs {@code example}'s {@code main} in a new JVM with this test's class path, and waits for
     * it. An example that has not finished within the timeout is killed, which also ends its
     * children, and the test fails.
     */
    private Run run(Class<?> example) throws IOException, InterruptedException {
        return run(example, TIMEOUT_SECONDS);
    }

    /** Runs {@code example} as {@link #run(Class)} does, with JVM options and a timeout of its own. */
    private Run run(Class<?> example, long timeoutSeconds, String... jvmOptions)
            throws IOException, InterruptedException {
        Path stdout = workDirectory.resolve(example.getSimpleName() + ".out");
        Path stderr = workDirectory.resolve(example.getSimpleName() + ".err");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), example.getName()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(example.getSimpleName() + " did not finish within " + timeoutSeconds
                    + " s\n--- stdout ---\n" + Files.readString(stdout) + "\n--- stderr ---\n"
                    + Files.readString(stderr));
        }
        return new Run(example, process.pid(), process.exitValue(), Files.readAllLines(stdout),
                Files.readString(stderr));
    }
}
