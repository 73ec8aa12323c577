package org.multiprocessing4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.multiprocessing4j.ConsoleProgressBar;
import org.multiprocessing4j.ProcessPool;

/**
 * The checksum of every file under a folder, computed once in this process and once by a pool of
 * worker processes, with the time each took and the speed-up.
 *
 * <pre>{@code
 * java -cp ... org.multiprocessing4j.examples.FolderChecksums [folder [algorithm]]
 * }</pre>
 *
 * <p>Without a folder it checksums sample data of its own: a few hundred files of pseudo-random
 * bytes in a temporary folder, deleted afterwards. The algorithm is SHA3-256 unless another is
 * named: the JDK computes it in Java code, so it keeps a processor busy, which is what a pool
 * speeds up. SHA-256 runs on dedicated instructions of most current processors, faster than one
 * process reads the files, and then more processes gain little.
 *
 * <p>The workers are sent file names as strings (a {@link Path} need not be serializable) and a
 * lambda that captures only the algorithm's name; each worker streams its file through a
 * {@link MessageDigest} and sends back the digest. Results come back in the order the files are
 * done ({@code imapUnordered}), so a large file does not hold up the others, while a
 * {@link ConsoleProgressBar} on standard error shows how far the pool has come. Each run ends with
 * a combined digest of every file's name and checksum, which must be the same for both.
 */
public final class FolderChecksums {

    private static final String DEFAULT_ALGORITHM = "SHA3-256";
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int SAMPLE_FILES = 320;
    private static final int SAMPLE_FOLDERS = 8;
    private static final int SAMPLE_MAX_FILE_SIZE = 4_000_000;
    private static final long SAMPLE_SEED = 20261125L;

    private FolderChecksums() {
    }

    /**
     * The checksum of one file.
     *
     * @param path the file
     * @param size its length in bytes
     * @param digest its digest, in hexadecimal
     */
    record FileChecksum(String path, long size, String digest) implements Serializable {
    }

    /**
     * Computes a file's checksum, reading it in pieces: what each worker runs.
     *
     * @param algorithm the digest's name, such as {@code SHA3-256}
     * @param path the file
     * @return its checksum
     * @throws IOException if the file cannot be read
     */
    static FileChecksum checksum(String algorithm, String path) throws IOException {
        MessageDigest digest = digest(algorithm);
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new FileChecksum(path, size, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Checksums the folder given, or sample data of its own when there is none.
     *
     * @param args the folder and the algorithm, both optional
     * @throws IOException if a file cannot be read, or the sample data cannot be written
     */
    public static void main(String[] args) throws IOException {
        String algorithm = args.length > 1 ? args[1] : DEFAULT_ALGORITHM;
        digest(algorithm);   // an unknown name fails here, not in the workers
        if (args.length > 0) {
            compare(Path.of(args[0]), algorithm);
            return;
        }
        Path sample = Files.createTempDirectory("folder-checksums-");
        try {
            writeSampleFiles(sample);
            compare(sample, algorithm);
        } finally {
            deleteFolder(sample);
        }
    }

    /** Checksums every file under {@code folder} in this process, then in a pool, and compares. */
    private static void compare(Path folder, String algorithm) throws IOException {
        List<String> files = regularFiles(folder);

        long start = System.nanoTime();
        List<FileChecksum> sequential = new ArrayList<>();
        for (String file : files) {
            sequential.add(checksum(algorithm, file));
        }
        double sequentialSeconds = secondsSince(start);

        start = System.nanoTime();
        List<FileChecksum> pooled;
        int processes;
        try (ProcessPool pool = ProcessPool.builder().progress(new ConsoleProgressBar()).build();
                Stream<FileChecksum> results = pool.imapUnordered(path -> checksum(algorithm, path), files)) {
            processes = pool.processes();
            pooled = results.toList();
        }
        double poolSeconds = secondsSince(start);

        String sequentialDigest = combinedDigest(folder, algorithm, sequential);
        String pooledDigest = combinedDigest(folder, algorithm, pooled);
        long bytes = sequential.stream().mapToLong(FileChecksum::size).sum();
        System.out.printf(Locale.ROOT, "files: %d, bytes: %d (%.1f MB), %s of each%n", files.size(), bytes,
                bytes / 1e6, algorithm);
        System.out.printf(Locale.ROOT, "sequential, in this process: %6.2f s   combined digest %s%n",
                sequentialSeconds, sequentialDigest);
        System.out.printf(Locale.ROOT, "pool of %d processes:        %6.2f s   combined digest %s%n",
                processes, poolSeconds, pooledDigest);
        System.out.printf(Locale.ROOT, "speed-up: %.2fx%n", sequentialSeconds / poolSeconds);
        if (!sequentialDigest.equals(pooledDigest)) {
            throw new IllegalStateException("the pool's checksums differ from those computed in this process");
        }
        System.out.println("the combined digests match");
    }

    /**
     * One digest of every file's checksum, over lines in the format of {@code sha256sum}, sorted by
     * name: the same for the same files, whatever the order they were done in.
     */
    private static String combinedDigest(Path folder, String algorithm, List<FileChecksum> checksums) {
        MessageDigest combined = digest(algorithm);
        checksums.stream()
                .sorted(Comparator.comparing(FileChecksum::path))
                .map(c -> c.digest() + "  " + folder.relativize(Path.of(c.path())) + "\n")
                .forEach(line -> combined.update(line.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(combined.digest());
    }

    private static List<String> regularFiles(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }

    /** Writes the sample data: files of pseudo-random sizes and bytes, in a few subfolders. */
    private static void writeSampleFiles(Path folder) throws IOException {
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int i = 0; i < SAMPLE_FILES; i++) {
            Path subfolder = Files.createDirectories(folder.resolve("part-" + i % SAMPLE_FOLDERS));
            try (OutputStream out = Files.newOutputStream(subfolder.resolve(String.format("file-%04d.bin", i)))) {
                for (long left = random.nextInt(SAMPLE_MAX_FILE_SIZE); left > 0; left -= buffer.length) {
                    random.nextBytes(buffer);
                    out.write(buffer, 0, (int) Math.min(left, buffer.length));
                }
            }
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no such digest algorithm: " + algorithm, e);
        }
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
