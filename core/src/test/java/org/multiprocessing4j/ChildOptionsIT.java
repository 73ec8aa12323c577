package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ChildOptionsIT {

    @TempDir
    Path dir;

    @Test
    void jvmOptionsReachTheChildJvm() throws Exception {
        String out = dir.resolve("jvm").toString();
        ChildProcess child = Multiprocessing.process(() -> Files.write(Path.of(out), List.of(
                System.getProperty("colour"), String.valueOf(Runtime.getRuntime().maxMemory()))))
                .jvmOptions("-Dcolour=blue", "-Xmx48m");
        child.start();
        child.join();

        List<String> lines = Files.readAllLines(Path.of(out));
        assertThat(lines.get(0)).isEqualTo("blue");
        assertThat(Long.parseLong(lines.get(1))).isLessThanOrEqualTo(48L * 1024 * 1024);
    }

    @Test
    void parentSystemPropertiesAndAssertionSwitchesAreInherited() throws Exception {
        // failsafe starts this JVM with -Dmultiprocessing4j.test.inherited=yes and -ea
        String out = dir.resolve("inherited").toString();
        ChildProcess child = Multiprocessing.process(() -> {
            boolean assertionsOn = false;
            assert assertionsOn = true;
            Files.write(Path.of(out), List.of(String.valueOf(System.getProperty("multiprocessing4j.test.inherited")),
                    String.valueOf(assertionsOn)));
        });
        child.start();
        child.join();

        assertThat(Files.readAllLines(Path.of(out))).containsExactly("yes", "true");
    }

    @Test
    void environmentIsInheritedAndCanBeChanged() throws Exception {
        String out = dir.resolve("env").toString();
        ChildProcess child = Multiprocessing.process(() -> Files.write(Path.of(out), List.of(
                String.valueOf(System.getenv("MP4J_GREETING")), String.valueOf(System.getenv("PATH") != null),
                String.valueOf(System.getenv("HOME")))))
                .environment("MP4J_GREETING", "hello")
                .environment("HOME", null);
        child.start();
        child.join();

        assertThat(Files.readAllLines(Path.of(out))).containsExactly("hello", "true", "null");
    }

    @Test
    void workingDirectoryCanBeSet() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        ChildProcess child = Multiprocessing.process(() -> Files.writeString(Path.of("here.txt"), "relative"))
                .directory(work);
        child.start();
        child.join();

        assertThat(child.exitCode()).isZero();
        assertThat(work.resolve("here.txt")).hasContent("relative");
    }

    @Test
    void outputAndErrorCanBeRedirected() throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ChildProcess child = Multiprocessing.process(() -> {
            System.out.println("to the output");
            throw new IllegalArgumentException("to the error");
        }).redirectOutput(Redirect.to(out.toFile())).redirectError(Redirect.to(err.toFile()));
        child.start();
        child.join();

        assertThat(out).hasContent("to the output");
        assertThat(Files.readString(err))
                .contains("Exception in process \"" + child.name() + "\" java.lang.IllegalArgumentException: to the error")
                .contains("at org.multiprocessing4j.ChildOptionsIT");
    }
}
