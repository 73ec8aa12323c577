package org.multiprocessing4j.benchmarks;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Workload {@code baseline.runtime-start}: a reference, not a library feature. Starts a bare JVM
 * ({@code java -cp <same class path> EmptyMain}) with {@link ProcessBuilder} and waits for it. It
 * is the floor under {@code process.start-join}: what remains above it is the library's own cost.
 * The Python side does the same with {@code python -c pass}.
 */
final class RuntimeStart {

    private RuntimeStart() {
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EmptyMain.class.getName())
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.INHERIT);
        Samples samples = Samples.collect(settings, () -> {
            long begin = System.nanoTime();
            int exit = builder.start().waitFor();
            long elapsed = System.nanoTime() - begin;
            if (exit != 0) {
                throw new IllegalStateException("bare JVM exited with " + exit);
            }
            return elapsed;
        });
        out.accept(ResultLine.millis("baseline.runtime-start", "bare", samples));
    }
}
