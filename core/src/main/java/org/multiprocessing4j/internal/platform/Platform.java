package org.multiprocessing4j.internal.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What differs between operating systems; the only place that asks which one this is. */
public final class Platform {

    /** Set to a directory to keep sessions there instead of {@code /dev/shm}. */
    public static final String SESSION_ROOT_PROPERTY = "multiprocessing4j.sessionRoot";

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    private static final boolean LINUX = System.getProperty("os.name", "").equals("Linux");

    /** The 1-based position of {@code starttime} in {@code /proc/<pid>/stat}, see proc(5). */
    private static final int STAT_START_TIME = 22;

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
     * Where named shared-memory blocks are: {@code /dev/shm}, where the C library's
     * {@code shm_open} keeps them on Linux, so that CPython's {@code SharedMemory(name)} and this
     * library find the same blocks; elsewhere the temporary directory, where only this library's
     * processes find them.
     *
     * @return an existing directory
     */
    public static Path sharedMemoryDirectory() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * The flags of {@code mmap} that put fresh private pages, which reserve nothing until touched,
     * in place of a range of a mapping: {@code MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS |
     * MAP_NORESERVE}, whose values differ between processors.
     *
     * @return the flags, or empty where they are not known or the system is not Linux
     */
    public static OptionalInt privatePagesMapFlags() {
        if (!LINUX) {
            return OptionalInt.empty();
        }
        return switch (System.getProperty("os.arch", "")) {
            // the generic values: 0x02 | 0x10 | 0x20 | 0x4000
            case "amd64", "x86_64", "aarch64", "riscv64" -> OptionalInt.of(0x4032);
            default -> OptionalInt.empty();
        };
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

    /**
     * A number that tells this run of process {@code pid} from any later process that reuses the
     * pid: its start time. A process that has exited but not yet been reaped by its parent (a
     * zombie) is not running; {@link ProcessHandle#isAlive()} would still say it is.
     *
     * @param pid the process
     * @return its stamp, or empty if no such process is running
     */
    public static OptionalLong processStamp(long pid) {
        if (LINUX) {
            return linuxProcessStamp(pid);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(handle -> OptionalLong.of(handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L)))
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong linuxProcessStamp(long pid) {
        byte[] stat;
        try {
            stat = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        // fields are separated by single spaces after the command name, which is in parentheses
        // and may itself contain spaces and parentheses: count from the last ')'
        int at = stat.length - 1;
        while (at >= 0 && stat[at] != ')') {
            at--;
        }
        char state = (char) stat[at + 2];
        if (state == 'Z' || state == 'X') {
            return OptionalLong.empty();
        }
        int field = 3;
        for (at += 2; field < STAT_START_TIME; at++) {
            if (stat[at] == ' ') {
                field++;
            }
        }
        long startTime = 0;
        for (; at < stat.length && stat[at] != ' '; at++) {
            startTime = startTime * 10 + (stat[at] - '0');
        }
        return OptionalLong.of(startTime);
    }

    /**
     * The number of the Linux {@code futex} system call on this processor, for waiting on a word of
     * shared memory.
     *
     * @return the system call number, or empty where it is not known or the system is not Linux
     */
    public static OptionalInt futexSyscall() {
        if (!LINUX) {
            return OptionalInt.empty();
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> OptionalInt.of(202);
            // the generic system call table
            case "aarch64", "riscv64" -> OptionalInt.of(98);
            default -> OptionalInt.empty();
        };
    }

    /**
     * The number of the Linux {@code futex_waitv} system call (Linux 5.16 and later), for waiting
     * on several words at once.
     *
     * @return the system call number, or empty where it is not known or the system is not Linux
     */
    public static OptionalInt futexWaitvSyscall() {
        if (!LINUX) {
            return OptionalInt.empty();
        }
        return switch (System.getProperty("os.arch", "")) {
            // new system calls have one number on every processor since Linux 5.1
            case "amd64", "x86_64", "aarch64", "riscv64" -> OptionalInt.of(449);
            default -> OptionalInt.empty();
        };
    }
}
