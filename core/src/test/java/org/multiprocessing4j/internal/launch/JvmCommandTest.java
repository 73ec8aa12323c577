package org.multiprocessing4j.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCommandTest {

    @Test
    void forwardsOptionsThatDecideHowCodeLoadsAndPropertiesButNotMemoryAgentsOrDebuggers() {
        List<String> parent = List.of("-Xmx8g", "-XX:+UseG1GC", "-Dapp.mode=batch", "-ea:com.example...",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-preview", "-javaagent:/opt/agent.jar", "-agentlib:jdwp=transport=dt_socket,address=5005",
                "-Djdk.module.main=app", "-Dsun.java.command=Main", "-esa");

        assertThat(JvmCommand.forwarded(parent)).containsExactly("-Dapp.mode=batch", "-ea:com.example...",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-preview", "-esa");
    }

    @Test
    void commandRunsChildMainWithTheCallersOptionsAfterTheInheritedOnes() {
        List<String> command = JvmCommand.of(List.of("-Xmx64m"), "40123");

        assertThat(command.get(0)).endsWith("java");
        assertThat(command).containsSubsequence("-cp", System.getProperty("java.class.path"));
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly("-Xmx64m", ChildMain.class.getName(), "40123");
    }

    @Test
    void relativeClassPathEntriesBecomeAbsoluteSoAnotherWorkingDirectoryStillFindsThem() {
        String here = Path.of("").toAbsolutePath().toString();

        assertThat(JvmCommand.absolute("out:/opt/lib/a.jar:lib/*"))
                .isEqualTo(here + "/out:/opt/lib/a.jar:" + here + "/lib/*");
    }

    @Test
    void childrenMayCallNativeCodeUnlessTheCallerSaysOtherwise() {
        if (Runtime.version().feature() >= JvmCommand.NATIVE_ACCESS_WARNED_FROM) {
            assertThat(JvmCommand.of(List.of())).contains("--enable-native-access=ALL-UNNAMED");
        } else {
            assertThat(JvmCommand.of(List.of())).noneMatch(option -> option.startsWith("--enable-native-access"));
        }
        assertThat(JvmCommand.of(List.of("--enable-native-access=com.example")))
                .doesNotContain("--enable-native-access=ALL-UNNAMED")
                .contains("--enable-native-access=com.example");
    }
}
