package org.multiprocessing4j.hazelcast.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Ends a process's part in its clusters when the process's own work is over. Hazelcast's threads
 * are not daemons, so a JVM with an instance would never end after {@code main}, nor a child after
 * its target: this waits until every thread that is not a daemon, not the cluster's and not exempt
 * has ended, and only then leaves the clusters, as a Python program's last act is to join its
 * children.
 */
final class ProgramEnd {

    private static final AtomicBoolean WATCHED = new AtomicBoolean();

    private ProgramEnd() {
    }

    /**
     * In the main process: a daemon thread that, once {@code main} and the program's other threads
     * have ended, does {@link ClusterRuntime#endAll}.
     */
    static void watchMain() {
        if (WATCHED.getAndSet(true)) {
            return;
        }
        Thread watcher = new Thread(() -> {
            try {
                awaitProgramThreads(thread -> thread.getName().equals("DestroyJavaVM"));
                ClusterRuntime.endAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "multiprocessing4j cluster program end");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Waits until no thread is left but daemons, the clusters' own, the caller and {@code exempt}. */
    static void awaitProgramThreads(Predicate<Thread> exempt) throws InterruptedException {
        Thread self = Thread.currentThread();
        while (true) {
            List<String> clusters = ClusterRuntime.instanceNames();
            List<Thread> waitFor = new ArrayList<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread != self && thread.isAlive() && !thread.isDaemon() && !exempt.test(thread)
                        && clusters.stream().noneMatch(name -> thread.getName().contains(name))) {
                    waitFor.add(thread);
                }
            }
            if (waitFor.isEmpty()) {
                return;
            }
            for (Thread thread : waitFor) {
                thread.join();
            }
        }
    }
}
