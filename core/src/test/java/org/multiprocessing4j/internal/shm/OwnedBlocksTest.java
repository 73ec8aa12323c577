package org.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedBlocksTest {

    @TempDir
    Path session;

    private final List<String> made = new ArrayList<>();

    @AfterEach
    void removeWhatIsLeft() throws Exception {
        for (String name : made) {
            Files.deleteIfExists(BlockFiles.path(name));
        }
    }

    private String block() throws Exception {
        String name = BlockFiles.generatedName();
        BlockFiles.create(name).close();
        made.add(name);
        return name;
    }

    @Test
    void theRecordedBlocksAreUnlinkedButNotALaterBlockOfTheSameName() throws Exception {
        OwnedBlocks owned = new OwnedBlocks(() -> session);
        String kept = block();
        String replaced = block();
        owned.add(kept, BlockFiles.inode(kept));
        owned.add(replaced, BlockFiles.inode(replaced));
        Files.delete(BlockFiles.path(replaced));
        BlockFiles.create(replaced).close();

        OwnedBlocks.unlinkRecorded(session);

        assertThat(BlockFiles.path(kept)).doesNotExist();
        assertThat(BlockFiles.path(replaced)).exists();
    }

    @Test
    void aBlockUnlinkedAndForgottenStaysForgottenWhenTheRecordIsWrittenAnew() throws Exception {
        OwnedBlocks owned = new OwnedBlocks(() -> session);
        String still = block();
        owned.add(still, BlockFiles.inode(still));
        for (int i = 0; i < 1100; i++) {
            String name = BlockFiles.generatedName();
            owned.add(name, 1000 + i);
            owned.forget(name, 1000 + i);
        }

        assertThat(Files.readAllLines(session.resolve(OwnedBlocks.RECORD)).size()).isLessThan(100);
        OwnedBlocks.unlinkRecorded(session);
        assertThat(BlockFiles.path(still)).doesNotExist();
    }

    @Test
    void aSessionWithoutARecordOrWithATornLineUnlinksWhatItCan() throws Exception {
        OwnedBlocks.unlinkRecorded(session);
        String name = block();
        Files.writeString(session.resolve(OwnedBlocks.RECORD), BlockFiles.inode(name) + " " + name + "\n12");

        OwnedBlocks.unlinkRecorded(session);

        assertThat(BlockFiles.path(name)).doesNotExist();
    }
}
