package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Children of a program whose class path is made of jars map a class-data archive made for it. */
@Timeout(180)
class ClassDataArchiveIT {

    /**
     * How a class-loading log names a class mapped from an archive. The JDK's own archive holds
     * none of the classes looked for here, so such a class came from the library's.
     */
    private static final String ARCHIVED = "shared objects file";
    private static final String SERVER_CLASS = "org.multiprocessing4j.internal.manager.ManagerServer";

    @TempDir
    Path dir;
    Path cache;
    String classPath;

    /**
     * Starts one child, which logs where its classes came from to the file named in args[0]; the
     * library's own log goes to standard error.
     */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            if (args.length > 1) {
                startTheTrainingAndWait();
            }
            Multiprocessing.logToStderr();
            ChildProcess child = Multiprocessing.process(Parent::useAQueue)
                    .jvmOptions("-Xlog:class+load:file=" + args[0]);
            child.start();
            child.join();
            System.exit(child.exitCode());
        }

        /** Starts a child, and with it the training; prints the trainer's pid, then waits to be killed. */
        static void startTheTrainingAndWait() throws Exception {
            Multiprocessing.process(() -> Thread.sleep(600_000)).start();
            Optional<ProcessHandle> trainer;
            while ((trainer = ProcessHandle.current().children()
                    .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                            .anyMatch(argument -> argument.startsWith("-Dmultiprocessing4j.classDataTraining")))
                    .findFirst()).isEmpty()) {
                Thread.sleep(1);
            }
            System.out.println(trainer.get().pid());
            System.out.flush();
            Thread.sleep(600_000);
        }

        /** Maps a shared segment and loads a class of the library that no child starts with. */
        static void useAQueue() throws Exception {
            ProcessQueue<Object> queue = Multiprocessing.queue();
            queue.put("through shared memory");
            queue.take();
            queue.close();
            Class.forName(SERVER_CLASS, false, Parent.class.getClassLoader());
        }
    }

    @BeforeEach
    void jarsOnly() throws IOException {
        cache = dir.resolve("cache");
        Path testJar = dir.resolve("parent.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(testJar))) {
            for (Class<?> type : List.of(Parent.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jar);
                }
            }
            // the lambda in Parent.main is compiled into Parent itself; nothing else is needed
        }
        classPath = System.getProperty("multiprocessing4j.test.coreJar") + ":" + testJar;
    }

    @Test
    void firstProgramTrainsTheArchiveAndTheNextOnesChildrenMapIt() throws Exception {
        assertThat(runParent("first")).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> archives().size() == 1);
        assertThat(dir.resolve("first.err")).content().containsPattern(
                "\\[DEBUG/MainProcess\\] training the class-data archive \\S+ in the JVM \\d+: there is none yet");

        assertThat(runParent("second")).isZero();
        assertThat(dir.resolve("second.err")).content().doesNotContain("training");
        assertThat(classSource("second", "org.multiprocessing4j.internal.launch.ChildMain"))
                .contains(ARCHIVED);
        assertThat(classSource("second", Parent.class.getName())).as("the class of the application's target")
                .contains(ARCHIVED);
        assertThat(classSource("second", SERVER_CLASS)).as("a class of the library off the start path")
                .contains(ARCHIVED);
        assertThat(classSource("second", "sun.nio.ch.FileChannelImpl")).as("a JDK class a shared segment needs")
                .contains(ARCHIVED);
    }

    @Test
    void corruptArchiveIsIgnoredAndMadeAgain() throws Exception {
        assertThat(runParent("train")).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> archives().size() == 1);
        Path archive = archives().get(0);
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        try (OutputStream out = Files.newOutputStream(archive)) {
            out.write(whole, 0, whole.length / 3);
        }

        assertThat(runParent("after-corruption")).as("a truncated archive would crash a JVM that maps it").isZero();
        assertThat(dir.resolve("after-corruption.err")).content().contains("the one there is torn or was made for other jars");
        assertThat(classSource("after-corruption", "org.multiprocessing4j.internal.launch.ChildMain"))
                .doesNotContain(ARCHIVED);
        // trained again: a whole archive replaces the torn one
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.size(archive) > whole.length / 3);

        assertThat(runParent("retrained")).isZero();
        assertThat(classSource("retrained", "org.multiprocessing4j.internal.launch.ChildMain"))
                .contains(ARCHIVED);
    }

    @Test
    void aTrainingChildWhoseParentIsKilledEndsAtOnceWithoutWritingTheArchive() throws Exception {
        Process parent = new ProcessBuilder(OrphanIT.javaLauncher(), "-cp", classPath,
                "-Dmultiprocessing4j.cacheDirectory=" + cache, Parent.class.getName(), "unused", "orphan")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long trainer;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            trainer = Long.parseLong(lines.readLine());
        } finally {
            parent.destroyForcibly();
        }
        assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // written as it exited, the archive would take it hundreds of milliseconds more
        await().atMost(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(10))
                .until(() -> !OrphanIT.isRunning(trainer));
        // an ahead-of-time cache's training JVM creates its configuration file, empty, as it starts
        try (Stream<Path> files = Files.isDirectory(cache) ? Files.list(cache) : Stream.empty()) {
            assertThat(files).as("no archive, whole or draft").noneMatch(file -> (file.toString().contains(".jsa")
                    || file.toString().contains(".aot")) && file.toFile().length() > 0);
        }
    }

    private int runParent(String name) throws Exception {
        Process parent = new ProcessBuilder(OrphanIT.javaLauncher(), "-cp", classPath,
                "-Dmultiprocessing4j.cacheDirectory=" + cache, Parent.class.getName(),
                dir.resolve(name + ".log").toString()).inheritIO().redirectError(dir.resolve(name + ".err").toFile())
                .start();
        try {
            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return parent.exitValue();
        } finally {
            parent.destroyForcibly();
        }
    }

    private String classSource(String run, String className) throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve(run + ".log"))) {
            return lines.filter(line -> line.contains(" " + className + " ")).findFirst().orElse("not loaded");
        }
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(file -> file.toString().endsWith(".jsa") || file.toString().endsWith(".aot")).toList();
        }
    }
}
