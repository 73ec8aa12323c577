package org.multiprocessing4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.python.CPythonManager;

/**
 * A Java program hands work to a CPython worker through the queues of a CPython manager and
 * reads back the results: the worker and its manager are {@code word_worker.py}, beside this
 * example in {@code src/main/python}, which the example starts with {@code python3}.
 *
 * <pre>{@code
 * # what this program does, in Python
 * class WorkManager(BaseManager): pass
 * WorkManager.register("tasks")
 * WorkManager.register("results")
 * m = WorkManager(("127.0.0.1", port), authkey=key)
 * m.connect()
 * tasks, results = m.tasks(), m.results()
 * for word in ["process", "queue", "manager"]:
 *     tasks.put(word)
 * for _ in range(3):
 *     print(results.get())
 * tasks.put("STOP")
 * }</pre>
 */
public final class PythonWorkerExample {

    private static final List<String> WORDS = List.of("process", "queue", "manager");

    private PythonWorkerExample() {
    }

    public static void main(String[] args) throws Exception {
        Path script = Path.of(System.getProperty("multiprocessing4j.examples.python", "src/main/python"),
                "word_worker.py");
        byte[] key = "secret password".getBytes(UTF_8);
        Process worker;
        try {
            worker = new ProcessBuilder("python3", script.toString(), new String(key, UTF_8))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            System.out.println("skipped: no python3 to run " + script + " (" + e.getMessage() + ")");
            return;
        }
        if (!Files.isRegularFile(script)) {
            worker.destroy();
            throw new IllegalStateException("no " + script.toAbsolutePath());
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), UTF_8));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(out.readLine()));
            try (CPythonManager manager = CPythonManager.connect(address, key)) {
                BlockingQueue<Object> tasks = manager.queue(manager.create("tasks"));
                BlockingQueue<Object> results = manager.queue(manager.create("results"));
                for (String word : WORDS) {
                    tasks.put(word);
                }
                for (int i = 0; i < WORDS.size(); i++) {
                    // a Python tuple is an Object[]: (word, its length, reversed in capitals)
                    System.out.println(Arrays.toString((Object[]) results.take()));
                }
                tasks.put("STOP");
            }
            if (!worker.waitFor(30, TimeUnit.SECONDS) || worker.exitValue() != 0) {
                throw new IllegalStateException("the CPython worker did not end cleanly");
            }
        } finally {
            // on any failure above, the worker and its manager must not outlive this program
            worker.destroyForcibly();
        }
    }
}
