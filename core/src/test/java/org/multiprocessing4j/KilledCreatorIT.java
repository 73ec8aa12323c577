package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.internal.launch.LocalRuntime;

/** The segments of a process killed with SIGKILL, which had no child to clean up, go with the next use of the library. */
@Timeout(120)
class KilledCreatorIT {

    /** A JVM with a pipe, a queue and a lock, and no children: reports its session, then waits. */
    public static final class Creator {
        public static void main(String[] args) throws Exception {
            ProcessContext mp = ProcessContext.local(StartMethod.COLD);
            Pipe pipe = mp.pipe();
            ProcessQueue<String> queue = mp.queue();
            ProcessLock lock = mp.lock();
            queue.put("kept");
            System.out.println("session " + LocalRuntime.instance().sessionPath());
            System.out.flush();
            Thread.sleep(600_000);
            System.out.println(pipe + " " + lock);
        }
    }

    /** A later program that uses the library. */
    public static final class NextUse {
        public static void main(String[] args) {
            ProcessContext.local(StartMethod.COLD).event().set();
        }
    }

    @Test
    void aKilledCreatorsPipesQueuesAndLocksAreRemovedByTheNextProgramThatUsesTheLibrary() throws Exception {
        Process creator = java(Creator.class);
        Path session;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(creator.getInputStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertThat(line).startsWith("session ");
            session = Path.of(line.substring("session ".length()));
        }
        try (Stream<Path> entries = Files.list(session)) {
            assertThat(entries.map(entry -> entry.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("ring-")).anyMatch(name -> name.startsWith("cells-"));
        }
        creator.destroyForcibly();
        assertThat(creator.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process next = java(NextUse.class);
        assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).isZero();

        assertThat(session).doesNotExist();
    }

    private static Process java(Class<?> main) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), main.getName()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
