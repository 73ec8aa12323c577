package org.multiprocessing4j.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    @TempDir
    Path dir;
    Path cache;
    Path jar;

    @BeforeEach
    void jarOnTheClassPath() throws Exception {
        cache = dir.resolve("cache");
        jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("empty.txt"));
        }
    }

    @Test
    void classPathWithADirectoryGetsNoArchive() {
        assertThat(ClassDataArchive.forClassPath(cache, jar + ":" + dir)).isEmpty();
        assertThat(ClassDataArchive.forClassPath(cache, jar.toString())).isPresent();
    }

    @Test
    void installedArchiveIsUsedUntilItIsTamperedWith() throws Exception {
        ClassDataArchive archive = ClassDataArchive.forClassPath(cache, jar.toString()).orElseThrow();
        assertThat(archive.isUsable()).isFalse();

        Path draft = Files.createDirectories(cache).resolve("draft");
        Files.write(draft, new byte[] {1, 2, 3, 4});
        assertThat(archive.install(draft)).isTrue();
        // a dynamic archive before Java 25, an ahead-of-time cache from then on
        assertThat(archive.useOptions()).containsAnyOf("-XX:SharedArchiveFile=" + archive.path(),
                "-XX:AOTCache=" + archive.path());
        assertThat(draft).doesNotExist();

        Files.write(archive.path(), new byte[] {5}, StandardOpenOption.APPEND);
        assertThat(ClassDataArchive.forClassPath(cache, jar.toString()).orElseThrow().isUsable()).isFalse();
    }

    @Test
    void rebuildingAJarOnTheClassPathInvalidatesTheArchive() throws Exception {
        ClassDataArchive archive = ClassDataArchive.forClassPath(cache, jar.toString()).orElseThrow();
        Path draft = Files.createDirectories(cache).resolve("draft");
        Files.write(draft, new byte[] {1, 2, 3});
        archive.install(draft);

        Files.write(jar, new byte[] {9}, StandardOpenOption.APPEND);

        ClassDataArchive again = ClassDataArchive.forClassPath(cache, jar.toString()).orElseThrow();
        assertThat(again.path()).isEqualTo(archive.path());
        assertThat(again.isUsable()).isFalse();
    }

    @Test
    void differentClassPathsGetDifferentArchives() throws Exception {
        Path other = Files.copy(jar, dir.resolve("other.jar"));

        assertThat(ClassDataArchive.forClassPath(cache, jar.toString()).orElseThrow().path())
                .isNotEqualTo(ClassDataArchive.forClassPath(cache, jar + ":" + other).orElseThrow().path());
    }
}
