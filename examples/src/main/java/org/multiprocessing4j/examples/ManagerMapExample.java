package org.multiprocessing4j.examples;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ManagedMap;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Multiprocessing;

/**
 * One child per text file counts its words into a map that a manager serves, and the parent
 * prints the most frequent: Python's {@code multiprocessing.Manager().dict()}.
 *
 * <pre>{@code
 * import re, tempfile
 * from pathlib import Path
 * from multiprocessing import Manager, Process
 *
 * TEXTS = ["It was the best of times, ...", ...]
 *
 * def count(path, counts, lock):
 *     with open(path) as f:
 *         for word in re.findall(r"[a-z']+", f.read().lower()):
 *             with lock:    # without it, two processes lose each other's updates
 *                 counts[word] = counts.get(word, 0) + 1
 *
 * if __name__ == "__main__":
 *     with tempfile.TemporaryDirectory() as d, Manager() as manager:
 *         paths = [Path(d, f"text{i}.txt") for i in range(len(TEXTS))]
 *         for path, text in zip(paths, TEXTS):
 *             path.write_text(text)
 *         counts, lock = manager.dict(), manager.Lock()
 *         procs = [Process(target=count, args=(p, counts, lock)) for p in paths]
 *         for p in procs:
 *             p.start()
 *         for p in procs:
 *             p.join()
 *         top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
 *         for word, n in top:
 *             print(f"{word}: {n}")
 * }</pre>
 *
 * <p>{@code merge} runs in the manager's server, atomically, so the children need no lock: Python's
 * {@code get} then store are two calls to the server, between which another process's update is
 * lost. {@code Integer::sum} is sent to the server, which {@link ManagedMap}'s {@code merge}
 * overload makes serializable. {@code entrySet()} is a copy taken when it is called.
 */
public final class ManagerMapExample {

    /** A few short texts, one file each. */
    static final List<String> TEXTS = List.of(
            "It was the best of times, it was the worst of times, it was the age of wisdom, "
                    + "it was the age of foolishness.",
            "To be, or not to be, that is the question.",
            "All happy families are alike; each unhappy family is unhappy in its own way.",
            "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
                    + "must be in want of a wife.");

    private ManagerMapExample() {
    }

    /**
     * The target: runs in a child JVM and counts one file's words into the shared map.
     *
     * @param path the file
     * @param counts the map shared by all children
     * @throws IOException if the file cannot be read
     */
    static void count(String path, ManagedMap<String, Integer> counts) throws IOException {
        for (String word : Files.readString(Path.of(path)).toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1, Integer::sum);
            }
        }
    }

    /**
     * Writes the texts, starts a child for each file, waits for them, prints the top counts and
     * deletes the files.
     *
     * @param args ignored
     * @throws IOException if the files cannot be written or deleted
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("words");
        try (Manager manager = Multiprocessing.manager()) {
            List<Path> files = write(dir, TEXTS);
            ManagedMap<String, Integer> counts = manager.map();
            List<ChildProcess> procs = new ArrayList<>();
            for (Path file : files) {
                ChildProcess p = Multiprocessing.process(ManagerMapExample::count, file.toString(), counts);
                procs.add(p);
                p.start();
            }
            for (ChildProcess p : procs) {
                p.join();
            }
            int words = counts.values().stream().mapToInt(Integer::intValue).sum();
            System.out.println(files.size() + " files, " + words + " words, " + counts.size() + " different");
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(5)
                    .forEach(e -> System.out.println(e.getKey() + ": " + e.getValue()));
        } finally {
            delete(dir);
        }
    }

    private static List<Path> write(Path dir, List<String> texts) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String text : texts) {
            files.add(Files.writeString(dir.resolve("text" + files.size() + ".txt"), text));
        }
        return files;
    }

    private static void delete(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
