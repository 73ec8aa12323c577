package org.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.multiprocessing4j.internal.platform.Platform;

/**
 * Named blocks as the machine knows them: files in {@link Platform#sharedMemoryDirectory()}, named
 * as POSIX {@code shm_open} names them, so that CPython's {@code SharedMemory(name="x")} (which
 * opens {@code /x}, the file {@code /dev/shm/x}) and this library meet on the same block.
 *
 * <p>A block is told from a later one of the same name by its file's inode number: a process that
 * unlinks a block, or sweeps the blocks of a dead owner, removes the name only while it still names
 * the block it knows, never one made afterwards by someone else.
 */
public final class BlockFiles {

    /** The longest name in bytes (UTF-8): the longest file name Linux takes. */
    static final int MOST_NAME_BYTES = 255;
    /** The inode number of a block whose file system does not tell it. */
    public static final long UNKNOWN_INODE = 0;

    private static final Path DIRECTORY = Platform.sharedMemoryDirectory();
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    // owner only, as CPython's blocks: the default would let other users read it
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions
            .asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private BlockFiles() {
    }

    /**
     * {@code name} without the leading slashes that POSIX names may have (CPython adds one, the C
     * library removes them all).
     *
     * @param name a block's name
     * @return the name of its file
     * @throws IllegalArgumentException if no file in the block directory can have that name
     */
    public static String checkedName(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        String bare = name;
        while (bare.startsWith("/")) {
            bare = bare.substring(1);
        }
        String problem = problemWith(bare);
        if (problem != null) {
            throw new IllegalArgumentException("\"" + name + "\" cannot name a shared memory block: " + problem);
        }
        return bare;
    }

    private static String problemWith(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "a name must have a character other than '/' and not be \".\" or \"..\"";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MOST_NAME_BYTES) {
            return "a name has at most " + MOST_NAME_BYTES + " bytes in UTF-8";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                return "a name has no '/' after its leading ones";
            }
            if (Character.isISOControl(c)) {
                return "a name has no control characters";
            }
        }
        return null;
    }

    /** Whether {@code name} may be a block's name as {@link #checkedName} returns it. */
    static boolean isBareName(String name) {
        return !name.startsWith("/") && problemWith(name) == null;
    }

    /**
     * A new name as CPython makes them: {@code psm_} and 8 hexadecimal digits, short enough for
     * every system's limit. Not secret: a block is created only if its name is free, and another
     * name is drawn if it is not.
     *
     * @return the name
     */
    public static String generatedName() {
        return "psm_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The file of the block named {@code name} (as {@link #checkedName} returns it). */
    public static Path path(String name) {
        return DIRECTORY.resolve(name);
    }

    /**
     * Creates the file of a new block, readable and writable by this user only.
     *
     * @param name the block's name
     * @return the file, open for reading and writing
     * @throws FileAlreadyExistsException if a file has that name
     * @throws IOException if it cannot be created
     */
    public static FileChannel create(String name) throws IOException {
        Path path = path(name);
        try {
            return FileChannel.open(path, CREATE, OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path.toString(), null, "a shared memory block named " + name
                    + " exists already");
        }
    }

    /**
     * Opens the file of an existing block.
     *
     * @param name the block's name
     * @return the file, open for reading and writing
     * @throws NoSuchFileException if there is no block of that name
     * @throws IOException if it cannot be opened
     */
    public static FileChannel open(String name) throws IOException {
        Path path = path(name);
        try {
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "there is no shared memory block named " + name);
        }
    }

    /**
     * The inode number of the block named {@code name}.
     *
     * @param name the block's name
     * @return the number, or {@link #UNKNOWN_INODE} where the file system does not tell it
     * @throws IOException if there is no such block
     */
    public static long inode(String name) throws IOException {
        try {
            return (Long) Files.getAttribute(path(name), "unix:ino");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return UNKNOWN_INODE;
        }
    }

    /**
     * Unlinks the block named {@code name} if it is still the block of inode {@code inode}.
     *
     * @param name the block's name
     * @param inode its inode number, or {@link #UNKNOWN_INODE} to unlink whatever has the name
     * @return whether the name was removed
     * @throws IOException if the name cannot be removed
     */
    public static boolean unlinkIfSame(String name, long inode) throws IOException {
        try {
            if (inode != UNKNOWN_INODE && inode(name) != inode) {
                return false;
            }
            // one system call, where Files.delete looks at the file first; it says why if this fails
            Path path = path(name);
            if (!path.toFile().delete()) {
                Files.delete(path);
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
