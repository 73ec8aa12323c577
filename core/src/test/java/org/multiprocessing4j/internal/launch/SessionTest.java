package org.multiprocessing4j.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.internal.platform.Platform;
import org.multiprocessing4j.internal.shm.BlockFiles;
import org.multiprocessing4j.internal.shm.OwnedBlocks;

class SessionTest {

    @TempDir
    Path root;

    @Test
    void sweepRemovesSessionsOfDeadOwnersAndKeepsLiveOnes() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = Files.createDirectories(root.resolve(Session.PREFIX + finished.pid() + "-00aa").resolve("nested"));
        Files.writeString(dead.resolve("segment"), "data");
        long self = ProcessHandle.current().pid();
        Path live = Files.createDirectory(root.resolve(Session.PREFIX + self + "-00bb"));
        Files.writeString(live.resolve("owner"), String.valueOf(Platform.processStamp(self).orElseThrow()));
        Path unrelated = Files.createDirectory(root.resolve("something-else"));

        Session.sweepStale(root);

        assertThat(root.resolve(Session.PREFIX + finished.pid() + "-00aa")).doesNotExist();
        assertThat(live).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void sweepUnlinksTheBlocksADeadOwnerRecordedAndLeavesFilesNamedLikeSessionsAlone() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = Files.createDirectory(root.resolve(Session.PREFIX + finished.pid() + "-00dd"));
        String name = BlockFiles.generatedName();
        BlockFiles.create(name).close();
        try {
            new OwnedBlocks(() -> dead).add(name, BlockFiles.inode(name));
            Path block = Files.createFile(root.resolve(Session.PREFIX + finished.pid() + "-00ee"));

            Session.sweepStale(root);

            assertThat(dead).doesNotExist();
            assertThat(BlockFiles.path(name)).doesNotExist();
            assertThat(block).exists();
        } finally {
            Files.deleteIfExists(BlockFiles.path(name));
        }
    }

    @Test
    void sweepRemovesASessionWhosePidWasReusedByALaterProcess() throws Exception {
        long self = ProcessHandle.current().pid();
        Path reused = Files.createDirectory(root.resolve(Session.PREFIX + self + "-00cc"));
        Files.writeString(reused.resolve("owner"), "12345");

        Session.sweepStale(root);

        assertThat(reused).doesNotExist();
    }

    @Test
    void sessionDirectoryIsPrivateToItsOwner() throws Exception {
        System.setProperty("multiprocessing4j.sessionRoot", root.toString());
        try {
            Session session = Session.open();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session.directory())))
                    .isEqualTo("rwx------");
            session.delete();
            assertThat(session.directory()).doesNotExist();
        } finally {
            System.clearProperty("multiprocessing4j.sessionRoot");
        }
    }
}
