package org.multiprocessing4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;

/**
 * Workload {@code process.orphan-exit}: how long the descendants of a parent killed with SIGKILL
 * outlive it on a busy machine. Each trial starts a parent JVM with a pool of two workers that
 * spin, a plain child that sleeps and its spares; once they all run, it starts two spinning
 * processes a core, kills the parent and times until no descendant runs any more (an exited
 * orphan waiting to be reaped counts as gone). Java only: CPython's children outlive a parent
 * killed so. Before the trials, one parent runs a child and exits by itself, so that the
 * class-data archive of this class path is trained, as it is for every program but the first.
 */
final class OrphanExit {

    private static final long TRIAL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private OrphanExit() {
    }

    /**
     * The parent JVM of a trial: prints the pid of every descendant, then {@code ready}, then waits;
     * with the argument {@code train}, runs a child and exits.
     */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            if (args.length > 0) {
                ChildProcess child = Multiprocessing.process(() -> { });
                child.start();
                child.join();
                return;
            }
            ProcessPool pool = Multiprocessing.pool(2);
            ProcessQueue<Long> working = Multiprocessing.queue();
            pool.mapAsync(n -> {
                working.put(ProcessHandle.current().pid());
                for (long spin = 0; spin >= 0; spin += System.nanoTime() & 1) {
                    // busy until the end
                }
                return n;
            }, List.of(1, 2), 1);
            working.take();
            working.take();
            ChildProcess sleeper = Multiprocessing.process(() -> Thread.sleep(600_000));
            sleeper.start();
            Multiprocessing.context().prestart(Duration.ofSeconds(30));
            ProcessHandle.current().descendants().forEach(descendant -> System.out.println(descendant.pid()));
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        if (parent("train").inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("the parent that trains the class-data archive failed");
        }
        for (int i = 0; i < settings.warmup(); i++) {
            trialMillis();
        }
        double[] millis = new double[settings.repetitions()];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = trialMillis();
        }
        out.accept(ResultLine.millis("process.orphan-exit", "busy", Samples.of(millis)));
    }

    private static double trialMillis() throws Exception {
        Process parent = parent().redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> descendants = new ArrayList<>();
        List<Process> load = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = lines.readLine(); !"ready".equals(line); line = lines.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("the parent JVM ended before it was ready");
                }
                descendants.add(Long.parseLong(line));
            }
            for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                load.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            Thread.sleep(200);
            long killed = System.nanoTime();
            parent.destroyForcibly();
            while (descendants.stream().anyMatch(OrphanExit::isRunning)) {
                if (System.nanoTime() - killed > TRIAL_TIMEOUT_NANOS) {
                    throw new IllegalStateException("descendants still run 10 s after their parent was killed");
                }
                LockSupport.parkNanos(200_000);
            }
            return (System.nanoTime() - killed) / 1e6;
        } finally {
            load.forEach(Process::destroyForcibly);
            parent.destroyForcibly();
            parent.waitFor();
            for (long pid : descendants) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static ProcessBuilder parent(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parent.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    /** Whether a process runs: it exists and is not a zombie (which {@link ProcessHandle} counts alive). */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
