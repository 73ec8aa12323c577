package org.multiprocessing4j.internal.local;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import org.multiprocessing4j.SharedMemory;
import org.multiprocessing4j.internal.launch.LocalRuntime;
import org.multiprocessing4j.internal.shm.BlockFiles;
import org.multiprocessing4j.internal.shm.BlockMapping;
import org.multiprocessing4j.internal.shm.OwnedBlocks;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link SharedMemory}: a file in {@code /dev/shm} (see {@link BlockFiles}),
 * mapped by this view as a {@link BlockMapping} of its own. A block created to live as long as its
 * creator is recorded among the process's {@link OwnedBlocks} before anything is mapped, so that
 * it is unlinked however the process ends.
 */
public final class LocalSharedMemory extends BlockMapping implements SharedMemory, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient OwnedBlocks owned;
    private final transient String name;
    private final transient long inode;

    private LocalSharedMemory(FileChannel channel, long size, OwnedBlocks owned, String name, long inode)
            throws IOException {
        super(channel, size);
        this.owned = owned;
        this.name = name;
        this.inode = inode;
    }

    /**
     * Creates a block of zero bytes and this process's view of it.
     *
     * @param owned the blocks of this process, where the block is recorded unless it outlives it
     * @param name its name, or {@code null} for a new one
     * @param size its size in bytes
     * @param lifetime how long it lives if nobody unlinks it
     * @return the view
     * @throws FileAlreadyExistsException if a block has that name
     * @throws IOException if it cannot be created
     */
    static LocalSharedMemory create(OwnedBlocks owned, String name, long size, Lifetime lifetime) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("a shared memory block has at least one byte: " + size);
        }
        Objects.requireNonNull(lifetime, "lifetime");
        String chosen = name == null ? null : BlockFiles.checkedName(name);
        while (true) {
            String candidate = chosen != null ? chosen : BlockFiles.generatedName();
            FileChannel channel;
            try {
                channel = BlockFiles.create(candidate);
            } catch (FileAlreadyExistsException e) {
                if (chosen != null) {
                    throw e;
                }
                // a made-up name that is taken: draw another, as CPython does
                continue;
            }
            long inode = BlockFiles.UNKNOWN_INODE;
            try (channel) {
                inode = BlockFiles.inode(candidate);
                if (lifetime == Lifetime.CREATOR) {
                    owned.add(candidate, inode);
                }
                return new LocalSharedMemory(channel, size, owned, candidate, inode);
            } catch (IOException | RuntimeException e) {
                owned.forget(candidate, inode);
                try {
                    BlockFiles.unlinkIfSame(candidate, inode);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /**
     * A new view of an existing block.
     *
     * @param owned the blocks of this process: an attached block does not join them, but leaves them
     *     if this process owned it and the view unlinks it
     * @param name the block's name
     * @return the view
     * @throws NoSuchFileException if there is no block of that name
     * @throws IOException if it cannot be attached
     */
    static LocalSharedMemory attach(OwnedBlocks owned, String name) throws IOException {
        String bare = BlockFiles.checkedName(name);
        try (FileChannel channel = BlockFiles.open(bare)) {
            long size = channel.size();
            if (size == 0) {
                throw new IOException("the shared memory block " + bare
                        + " has no bytes: its creator has not given it a size yet");
            }
            return new LocalSharedMemory(channel, size, owned, bare, BlockFiles.inode(bare));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        detach();
    }

    @Override
    public boolean unlink() {
        try {
            boolean removed = BlockFiles.unlinkIfSame(name, inode);
            owned.forget(name, inode);
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlink the shared memory block " + name, e);
        }
    }

    @Override
    public String toString() {
        return "SharedMemory[" + name + ", size=" + size() + (isDetached() ? ", closed]" : "]");
    }

    /** Crosses into another process as the block's name: there it is a view of that process's. */
    private Object writeReplace() {
        return new Handle(name, inode);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared memory block is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final long inode;

        Handle(String name, long inode) {
            this.name = name;
            this.inode = inode;
        }

        @Override
        protected Object bind() throws InvalidObjectException {
            LocalSharedMemory view;
            try {
                view = attach(LocalRuntime.instance().ownedBlocks(), name);
            } catch (NoSuchFileException e) {
                throw unattachable("it was unlinked, or its owner has exited", e);
            } catch (IOException e) {
                throw unattachable(e.getMessage(), e);
            }
            if (view.inode != inode) {
                view.close();
                throw unattachable("it was unlinked, and its name is another block's now", null);
            }
            return view;
        }

        private InvalidObjectException unattachable(String why, IOException cause) {
            InvalidObjectException unattachable = new InvalidObjectException("the shared memory block " + name
                    + " cannot be attached: " + why);
            unattachable.initCause(cause);
            return unattachable;
        }
    }
}
