package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.multiprocessing4j.internal.platform.Platform;
import org.multiprocessing4j.internal.shm.OwnedBlocks;

/**
 * A process's private directory for the sockets and segments it shares with its children, named
 * {@code mp4j-<pid>-<random>} under {@link Platform#sessionRoot()} and readable by its owner only.
 *
 * <p>It is removed when its process exits; if the process is killed, by a child that notices the
 * parent is gone, and otherwise by the next session opened on the machine, which removes every
 * session whose owner is no longer running (a file in the directory records the owner's start
 * time, so a new process that reuses the pid does not protect a stale session). Whoever removes
 * it first unlinks the named blocks it records (see {@link OwnedBlocks}).
 */
final class Session {

    static final String PREFIX = "mp4j-";
    private static final String OWNER_FILE = "owner";

    private final Path directory;

    private Session(Path directory) {
        this.directory = directory;
    }

    static Session open() {
        Path root = Platform.sessionRoot();
        sweepStale(root);
        long pid = ProcessHandle.current().pid();
        byte[] nonce = new byte[6];
        new SecureRandom().nextBytes(nonce);
        Path directory = root.resolve(PREFIX + pid + "-" + HexFormat.of().formatHex(nonce));
        try {
            Files.createDirectories(root);
            Files.createDirectory(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            OptionalLong stamp = Platform.processStamp(pid);
            Files.writeString(directory.resolve(OWNER_FILE), stamp.isPresent() ? Long.toString(stamp.getAsLong()) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a session directory under " + root, e);
        }
        return new Session(directory);
    }

    Path directory() {
        return directory;
    }

    void delete() {
        remove(directory);
    }

    /** Removes a session directory, first unlinking the named blocks its owner still owned. */
    static void remove(Path session) {
        OwnedBlocks.unlinkRecorded(session);
        deleteTree(session);
    }

    /** Removes every session under {@code root} whose owner is no longer running. */
    static void sweepStale(Path root) {
        try (DirectoryStream<Path> sessions = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path session : sessions) {
                // a directory only: a file may be a named block of that name
                if (Files.isDirectory(session, LinkOption.NOFOLLOW_LINKS) && isStale(session)) {
                    remove(session);
                }
            }
        } catch (IOException | SecurityException e) {
            // an unreadable root only means nothing is swept this time
        }
    }

    private static boolean isStale(Path session) {
        String name = session.getFileName().toString();
        int dash = name.indexOf('-', PREFIX.length());
        long pid;
        try {
            pid = Long.parseLong(name.substring(PREFIX.length(), dash < 0 ? name.length() : dash));
        } catch (NumberFormatException e) {
            return false;
        }
        OptionalLong running = Platform.processStamp(pid);
        if (running.isEmpty()) {
            return true;
        }
        try {
            String recorded = Files.readString(session.resolve(OWNER_FILE), StandardCharsets.UTF_8);
            return !recorded.isEmpty() && running.getAsLong() != Long.parseLong(recorded);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            // another process may be removing the same tree; what is left is swept later
        }
    }
}
