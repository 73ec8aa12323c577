package org.multiprocessing4j.internal.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** What differs between operating systems; the only place that asks which one this is. */
public final class Platform {

    /** Set to a directory to keep sessions there instead of {@code /dev/shm}. */
    public static final String SESSION_ROOT_PROPERTY = "multiprocessing4j.sessionRoot";

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private Platform() {
    }

    /**
     * Where session directories live: {@code /dev/shm}, memory-backed, where it exists, else the
     * temporary directory.
     *
     * @return an existing directory
     */
    public static Path sessionRoot() {
        String configured = System.getProperty(SESSION_ROOT_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * The file a child reads as standard input: nothing, as in Python.
     *
     * @return the null device
     */
    public static File nullDevice() {
        return new File(WINDOWS ? "NUL" : "/dev/null");
    }

    /**
     * The {@code java} launcher of the running JVM.
     *
     * @return its path
     */
    public static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", WINDOWS ? "java.exe" : "java");
    }

    /**
     * When a process started, to tell a live process from a later one that reuses its pid.
     *
     * @param pid the process
     * @return its start time, or empty if it is not running or the system does not say
     */
    public static Optional<Instant> startTime(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
    }

    /**
     * The exit code Python reports for a child whose JVM ended with {@code status}: a JVM ended by
     * a signal shows as 128 plus the signal number, which Python reports as minus the signal number.
     *
     * @param status the exit value given by {@link Process#exitValue()}
     * @return the Python-style exit code
     */
    public static int pythonExitCode(int status) {
        if (!WINDOWS && status > 128 && status <= 128 + 64) {
            return 128 - status;
        }
        return status;
    }
}
