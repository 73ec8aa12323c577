package org.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named blocks this process created and has not unlinked, to be unlinked when it exits. They
 * are recorded in a file of its session directory ({@value #RECORD}, a line {@code <inode> <name>}
 * a block), which whoever removes the directory reads first: the process itself at exit, a child
 * that notices its parent died, or, after a kill that left both behind, the sweep of the next
 * session opened on the machine. Blocks made to outlive their creator are not recorded.
 *
 * <p>A block unlinked while the process runs stays in the record (its inode number keeps a later
 * block of the same name from being taken for it), until the blocks unlinked outnumber those still
 * owned by {@value #SLACK}; then the record is written anew, and replaces the old one in one step.
 */
public final class OwnedBlocks {

    static final String RECORD = "blocks";
    private static final int SLACK = 1024;

    private final Supplier<Path> directory;
    private final Map<String, Long> owned = new HashMap<>();
    private FileChannel record;
    private int lines;

    /**
     * @param directory the session directory, asked for when the first block is recorded
     */
    public OwnedBlocks(Supplier<Path> directory) {
        this.directory = directory;
    }

    /**
     * Records a block this process created, before anything else can happen to it.
     *
     * @param name its name
     * @param inode its file's inode number
     * @throws IOException if the record cannot be written
     */
    public synchronized void add(String name, long inode) throws IOException {
        if (record == null) {
            record = FileChannel.open(directory.get().resolve(RECORD), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        // one write: a process killed in the middle leaves at worst a torn last line
        record.write(ByteBuffer.wrap(line(name, inode).getBytes(StandardCharsets.UTF_8)));
        owned.put(name, inode);
        lines++;
    }

    /**
     * Forgets a block that has been unlinked; nothing happens if this process does not own it.
     *
     * @param name its name
     * @param inode its file's inode number
     */
    public synchronized void forget(String name, long inode) {
        if (owned.remove(name, inode) && lines - owned.size() > owned.size() + SLACK) {
            rewrite();
        }
    }

    private void rewrite() {
        Path file = directory.get().resolve(RECORD);
        Path draft = file.resolveSibling(RECORD + ".new");
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, Long> block : owned.entrySet()) {
            all.append(line(block.getKey(), block.getValue()));
        }
        try {
            Files.writeString(draft, all, StandardCharsets.UTF_8);
            Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
            record.close();
            // reopened by the next add
            record = null;
            lines = owned.size();
        } catch (IOException e) {
            // the longer record is as good, only longer
        }
    }

    private static String line(String name, long inode) {
        return inode + " " + name + "\n";
    }

    /**
     * Unlinks the blocks recorded in {@code session} that are still the blocks recorded: for a
     * session directory about to be removed.
     *
     * @param session a session directory, of a process that has exited or is exiting
     */
    public static void unlinkRecorded(Path session) {
        String recorded;
        try {
            recorded = new String(Files.readAllBytes(session.resolve(RECORD)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // no record: the process made no blocks it owned
            return;
        }
        for (String line : recorded.split("\n")) {
            int space = line.indexOf(' ');
            try {
                String name = line.substring(space + 1);
                if (space > 0 && BlockFiles.isBareName(name)) {
                    BlockFiles.unlinkIfSame(name, Long.parseLong(line, 0, space, 10));
                }
            } catch (NumberFormatException | IOException e) {
                // a torn last line, or a block that cannot be unlinked: the others still are
            }
        }
    }
}
