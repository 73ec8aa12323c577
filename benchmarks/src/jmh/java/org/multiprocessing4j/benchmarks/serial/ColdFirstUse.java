package org.multiprocessing4j.benchmarks.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of a serializer's first round trip in a fresh JVM, which every child that reads a queue
 * pays once: each candidate runs in many fresh JVMs, interleaved so that the machine's noise falls
 * on all alike, and the medians are printed.
 *
 * <pre>
 *   java -cp &lt;jmh class path&gt; org.multiprocessing4j.benchmarks.serial.ColdFirstUse [runs] [candidate...]
 * </pre>
 *
 * Two numbers per candidate: from starting the JVM to its report that the round trip is done
 * (what a child's start really pays; the {@code none} row is the JVM alone), and the round trip
 * alone, timed inside the child (class loading, initialization and the work itself).
 */
public final class ColdFirstUse {

    private static final String NONE = "none";

    private ColdFirstUse() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(args[1]);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<String> candidates = new ArrayList<>(List.of(NONE));
        if (args.length > 1) {
            candidates.addAll(Arrays.asList(args).subList(1, args.length));
        } else {
            candidates.addAll(Arrays.asList(Codec.NAMES));
        }
        Map<String, List<Double>> toDone = new LinkedHashMap<>();
        Map<String, List<Double>> firstUse = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < candidates.size(); i++) {
                // rotate the order so that no candidate always follows the same one
                String candidate = candidates.get((i + run) % candidates.size());
                double[] sample = spawn(candidate);
                toDone.computeIfAbsent(candidate, c -> new ArrayList<>()).add(sample[0]);
                firstUse.computeIfAbsent(candidate, c -> new ArrayList<>()).add(sample[1]);
            }
        }
        System.out.printf("java %s, %d fresh JVMs per candidate, medians%n", System.getProperty("java.version"), runs);
        System.out.printf("%-10s %22s %22s%n", "candidate", "JVM start->done (ms)", "first round trip (ms)");
        for (String candidate : candidates) {
            System.out.printf("%-10s %22.1f %22.1f%n", candidate, median(toDone.get(candidate)),
                    median(firstUse.get(candidate)));
        }
    }

    /** Runs one fresh JVM; returns its start-to-done time and its own first round trip, in ms. */
    private static double[] spawn(String candidate) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:-UsePerfData", "-cp",
                System.getProperty("java.class.path"), ColdFirstUse.class.getName(), "child", candidate)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        Process process = builder.start();
        String line;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        double toDone = (System.nanoTime() - start) / 1e6;
        if (process.waitFor() != 0 || line == null) {
            throw new IllegalStateException(candidate + " failed: " + line);
        }
        return new double[] {toDone, Long.parseLong(line.trim()) / 1e6};
    }

    /**
     * In the fresh JVM: one round trip of the small list, timed, then its time on stdout. The core
     * jar is opened first, as it is in every child of the library; each candidate's other jars are
     * not, as they would not be.
     */
    private static void child(String candidate) throws Exception {
        // a child of the library runs from the core jar, which is open before it reads anything
        Class.forName("org.multiprocessing4j.ProcessIdentity");
        long start = System.nanoTime();
        if (!candidate.equals(NONE)) {
            Object copy = Codec.roundTrip(Codec.named(candidate), List.of("u", 0, "hello"), new ByteBuffer[] {ByteBuffer.allocate(256)});
            if (!copy.equals(List.of("u", 0, "hello"))) {
                throw new IllegalStateException(candidate + " returned " + copy);
            }
        }
        System.out.println(System.nanoTime() - start);
    }

    private static double median(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
