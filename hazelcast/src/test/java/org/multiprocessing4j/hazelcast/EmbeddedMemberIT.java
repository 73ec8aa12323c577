package org.multiprocessing4j.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;

/** The default mode: the program's JVM is a member of the cluster, here the only one, and runs its children. */
class EmbeddedMemberIT {

    @AfterAll
    static void leave() {
        Hazelcast.shutdownAll();
    }

    @Test
    void aProgramThatIsTheOnlyMemberRunsItsChildrenItself() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ProcessContext mp = ProcessContext.get("hazelcast", Map.of("cluster", "test-" + UUID.randomUUID(),
                "members", "127.0.0.1:" + port, "port", String.valueOf(port)));
        assertThat(mp.options()).containsEntry("mode", "member");
        ProcessQueue<Long> parents = mp.queue();
        ChildProcess child = mp.process(() -> parents.put(ProcessHandle.current().parent().orElseThrow().pid()));
        child.start();

        assertThat(parents.poll(60, TimeUnit.SECONDS)).isEqualTo(ProcessHandle.current().pid());
        assertThat(child.join(Duration.ofSeconds(60))).isTrue();
        assertThat(child.exitCode()).isZero();
    }
}
