package org.multiprocessing4j.internal.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.multiprocessing4j.internal.log.LibraryLog;

/**
 * A class-data-sharing archive of what a child JVM loads on its way to the target, so that later
 * children map those classes instead of loading them: a third of a cold start.
 *
 * <p>The archive is made once per JDK and class path by a training child (see
 * {@link LocalRuntime}) that writes it when it exits: on Java 25 and later an ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}, classes loaded and linked ahead of time), before that a dynamic
 * archive ({@code -XX:ArchiveClassesAtExit}). It is then moved into place and described in a stamp
 * file: the class path's fingerprint
 * (each entry's size and modification time) and the archive's own size, time and CRC. A child is
 * given the archive only when the stamp matches, because HotSpot trusts the file it maps: a
 * truncated archive crashes the JVM. So an archive left half-written, corrupted, or made for jars
 * that have since been rebuilt is ignored and made again.
 *
 * <p>Archives live in {@code ~/.cache/multiprocessing4j} (or {@code $XDG_CACHE_HOME}, or the
 * directory in the system property {@value #CACHE_PROPERTY}), one per JDK and class path. HotSpot
 * archives only classes from jar files, so a class path with a directory (classes straight from a
 * build) gets no archive. Setting {@value #ENABLED_PROPERTY} to {@code false} turns the archive off.
 */
final class ClassDataArchive {

    static final String CACHE_PROPERTY = "multiprocessing4j.cacheDirectory";
    static final String ENABLED_PROPERTY = "multiprocessing4j.classDataSharing";
    /** Set in the JVM that trains an archive, which writes it as it exits. */
    static final String TRAINING_PROPERTY = "multiprocessing4j.classDataTraining";

    /** Silences HotSpot's notes about an archive it cannot use: the child's output is the user's. */
    private static final String QUIET = "-Xlog:cds*=off";
    private static final String QUIET_AOT = "-Xlog:aot*=off";
    /** Whether this JDK makes ahead-of-time caches in one step (JEP 514), for its children too. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    private static final Duration STALE_DRAFT = Duration.ofMinutes(10);

    private final Path archive;
    private final Path stamp;
    private final String classPathFingerprint;
    private volatile Boolean verified;

    private ClassDataArchive(Path archive, String classPathFingerprint) {
        this.archive = archive;
        this.stamp = archive.resolveSibling(archive.getFileName() + ".stamp");
        this.classPathFingerprint = classPathFingerprint;
    }

    /**
     * The archive for children of this JVM.
     *
     * @return the archive, or empty when sharing is off or the class path cannot be archived
     */
    static Optional<ClassDataArchive> forThisJvm() {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
            LibraryLog.PROCESSES.debug("children start without a class-data archive: {} is false", ENABLED_PROPERTY);
            return Optional.empty();
        }
        return forClassPath(cacheDirectory(), System.getProperty("java.class.path", ""));
    }

    static Optional<ClassDataArchive> forClassPath(Path cacheDirectory, String classPath) {
        String absolute = JvmCommand.absolute(classPath);
        List<String> entries = List.of(absolute.split(Pattern.quote(File.pathSeparator)));
        if (entries.size() == 1) {
            // a lone jar may only hold a manifest naming the real class path (test runners, IDEs)
            entries = withManifestClassPath(Path.of(entries.get(0)));
        }
        StringBuilder fingerprint = new StringBuilder();
        for (String entry : entries) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                LibraryLog.PROCESSES.debug("children start without a class-data archive: the class path entry {} is"
                        + " not a jar file, and HotSpot archives classes from jars only", entry);
                return Optional.empty();
            }
            try {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                fingerprint.append(entry).append(' ').append(attributes.size()).append(' ')
                        .append(attributes.lastModifiedTime().toMillis()).append('\n');
            } catch (IOException e) {
                LibraryLog.PROCESSES.debug(e, "children start without a class-data archive: the class path entry {}"
                        + " cannot be read", entry);
                return Optional.empty();
            }
        }
        String key = System.getProperty("java.home") + '\n' + System.getProperty("java.vm.version") + '\n' + absolute;
        return Optional.of(new ClassDataArchive(
                cacheDirectory.resolve("classes-" + sha256(key) + (AOT_CACHE ? ".aot" : ".jsa")), fingerprint.toString()));
    }

    private static List<String> withManifestClassPath(Path jar) {
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (listed != null) {
                for (String url : listed.trim().split("\\s+")) {
                    entries.add(Path.of(jar.toUri().resolve(url)).toString());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a readable jar: the check on each entry rejects it
        }
        return entries;
    }

    private static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("multiprocessing4j");
    }

    Path path() {
        return archive;
    }

    /**
     * The options that make a child map the archive; checked against its stamp once per JVM.
     *
     * @return the options, or empty if there is no sound archive yet
     */
    List<String> useOptions() {
        Boolean ok = verified;
        if (ok == null) {
            ok = matchesStamp();
            verified = ok;
        }
        if (!ok) {
            return List.of();
        }
        return AOT_CACHE ? List.of("-XX:AOTCache=" + archive, QUIET, QUIET_AOT)
                : List.of("-XX:SharedArchiveFile=" + archive, QUIET);
    }

    boolean isUsable() {
        return !useOptions().isEmpty();
    }

    /**
     * Where a training child of process {@code pid} writes its draft. Drafts of trainings whose
     * parent died, torn or not, are removed here after a while.
     */
    Path draft(long pid) throws IOException {
        Path directory = Files.createDirectories(archive.getParent());
        FileTime stale = FileTime.from(Instant.now().minus(STALE_DRAFT));
        try (DirectoryStream<Path> drafts = Files.newDirectoryStream(directory, "*.draft*")) {
            for (Path old : drafts) {
                if (Files.getLastModifiedTime(old).compareTo(stale) < 0) {
                    Files.deleteIfExists(old);
                }
            }
        }
        return directory.resolve(archive.getFileName() + "." + pid + ".draft");
    }

    /**
     * The options of a training child that writes the archive to {@code draft} at its exit (an
     * ahead-of-time cache is assembled by a JVM the training child starts and waits for as it exits).
     */
    static List<String> trainingOptions(Path draft) {
        String training = "-D" + TRAINING_PROPERTY + "=true";
        return AOT_CACHE ? List.of("-XX:AOTCacheOutput=" + draft, QUIET, QUIET_AOT, training)
                : List.of("-XX:ArchiveClassesAtExit=" + draft, QUIET, training);
    }

    /**
     * Puts a training child's archive in place and stamps it.
     *
     * @param draft where the training child wrote it
     * @return whether the archive is now usable
     */
    boolean install(Path draft) {
        try {
            if (!Files.isRegularFile(draft) || Files.size(draft) == 0) {
                return false;
            }
            Files.createDirectories(archive.getParent());
            move(draft, archive);
            Path stampDraft = Files.writeString(archive.resolveSibling(draft.getFileName() + ".stamp"),
                    expectedStamp(), StandardCharsets.UTF_8);
            move(stampDraft, stamp);
            verified = matchesStamp();
            return verified;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(draft);
            } catch (IOException e) {
                // a stray draft in the cache does no harm
            }
        }
    }

    private boolean matchesStamp() {
        try {
            return Files.isRegularFile(archive) && Files.isRegularFile(stamp)
                    && Files.readString(stamp, StandardCharsets.UTF_8).equals(expectedStamp());
        } catch (IOException e) {
            return false;
        }
    }

    private String expectedStamp() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(archive, BasicFileAttributes.class);
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return classPathFingerprint + "archive " + attributes.size() + ' '
                + attributes.lastModifiedTime().toMillis() + ' ' + Long.toHexString(crc.getValue()) + '\n';
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
