package org.multiprocessing4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;

/**
 * Workload {@code process.idle-memory}: what keeping fast starts ready costs in memory, as the
 * resident set (VmRSS) of an idle spare JVM in MiB, once it is ready. Each measurement is of a new
 * spare: the previous one is used up by a no-op child. Python's counterpart is the resident set of
 * forkserver's server process.
 */
final class IdleMemory {

    private static final int SPARES_MEASURED = 5;

    private IdleMemory() {
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        double[] mib = new double[Math.min(SPARES_MEASURED, settings.repetitions())];
        for (int i = 0; i < mib.length; i++) {
            ProcessStartJoin.awaitSpare();
            long spare = ProcessHandle.current().children().findFirst().orElseThrow().pid();
            mib[i] = residentKib(spare) / 1024.0;
            ChildProcess child = Multiprocessing.process(ProcessStartJoin::noop);
            child.start();
            child.join();
        }
        out.accept(ResultLine.quantity("process.idle-memory", "idle spare", Samples.of(mib), "MiB"));
    }

    /** The VmRSS line of {@code /proc/<pid>/status}, in KiB. */
    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }
}
