package org.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class BlockFilesTest {

    @Test
    void leadingSlashesAreDroppedAsTheCLibraryDropsThem() {
        assertThat(BlockFiles.checkedName("frames")).isEqualTo("frames");
        assertThat(BlockFiles.checkedName("/frames")).isEqualTo("frames");
        assertThat(BlockFiles.checkedName("//frames")).isEqualTo("frames");
        assertThat(BlockFiles.checkedName("x".repeat(255))).hasSize(255);
        assertThat(BlockFiles.checkedName("é".repeat(127))).hasSize(127);
    }

    @Test
    void namesNoFileCanHaveAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BlockFiles.checkedName("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockFiles.checkedName("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockFiles.checkedName("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockFiles.checkedName("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/'");
        assertThatThrownBy(() -> BlockFiles.checkedName("x".repeat(256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255 bytes");
        assertThatThrownBy(() -> BlockFiles.checkedName("é".repeat(128))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockFiles.checkedName("a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control");
        assertThatThrownBy(() -> BlockFiles.checkedName("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void madeUpNamesLookLikeCPythonsAndDiffer() {
        String name = BlockFiles.generatedName();
        assertThat(name).matches("psm_[0-9a-f]{8}");
        assertThat(BlockFiles.generatedName()).isNotEqualTo(name);
    }

    @Test
    void aNewBlockIsPrivateToItsUserAndUnlinkedOnlyWhileItIsTheSameFile() throws Exception {
        String name = BlockFiles.generatedName();
        try (FileChannel created = BlockFiles.create(name)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(BlockFiles.path(name))))
                    .isEqualTo("rw-------");
        }
        long first = BlockFiles.inode(name);
        Files.delete(BlockFiles.path(name));
        BlockFiles.create(name).close();
        try {
            assertThat(BlockFiles.unlinkIfSame(name, first)).isFalse();
            assertThat(BlockFiles.path(name)).exists();
            assertThat(BlockFiles.unlinkIfSame(name, BlockFiles.inode(name))).isTrue();
            assertThat(BlockFiles.path(name)).doesNotExist();
            assertThat(BlockFiles.unlinkIfSame(name, first)).isFalse();
        } finally {
            Files.deleteIfExists(BlockFiles.path(name));
        }
    }
}
