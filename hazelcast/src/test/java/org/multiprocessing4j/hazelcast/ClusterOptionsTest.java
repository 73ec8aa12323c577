package org.multiprocessing4j.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.ProcessContext;

/** The options of the hazelcast context: defaults filled in, mistakes refused by name, before any connection. */
class ClusterOptionsTest {

    @Test
    void theContextIsFoundByNameWithEveryDefaultFilledIn() {
        ProcessContext mp = ProcessContext.get("hazelcast");
        assertThat(mp.name()).isEqualTo("hazelcast");
        assertThat(mp.options()).isEqualTo(Map.of("cluster", "multiprocessing4j", "members", "127.0.0.1:5701",
                "mode", "member", "port", "5701", "config", ""));
        assertThat(ProcessContext.get("hazelcast", Map.of("port", "5701"))).isSameAs(mp);
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> ProcessContext.get("hazelcast", Map.of("memebrs", "127.0.0.1:5701")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memebrs");
    }

    @Test
    void aMemberWithARangeOfPortsIsRefusedSinceHazelcastWouldFailAtStart() {
        assertThatThrownBy(() -> ProcessContext.get("hazelcast", Map.of("members", "127.0.0.1:5701-5703")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a range");
    }

    @Test
    void aModeOtherThanMemberOrClientIsRefused() {
        assertThatThrownBy(() -> ProcessContext.get("hazelcast", Map.of("mode", "lite")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'member' or 'client'");
    }

    @Test
    void aConfigurationFileThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> ProcessContext.get("hazelcast", Map.of("config", "/nonexistent/hazelcast.yaml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/hazelcast.yaml");
    }

    @Test
    void whatHasNoMeaningOnAClusterIsRefusedSayingWhyBeforeAnyConnection() {
        ProcessContext mp = ProcessContext.get("hazelcast");
        assertThatThrownBy(() -> mp.sharedMemory(1024)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("one machine's");
        assertThatThrownBy(() -> mp.attachSharedMemory("block")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("one machine's");
        assertThatThrownBy(() -> mp.shareableList(null, List.of(1, 2), 8))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("one machine's");
    }
}
