package org.multiprocessing4j.benchmarks;

import com.hazelcast.client.config.ClientConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.hazelcast.ClusterMember;

/**
 * Members of a fresh cluster on 127.0.0.1 for {@code benchmarks/cluster}, each a JVM of its own
 * with this JVM's class path, so that the raw Hazelcast calls and the library's run against the
 * same members. They end when this JVM does, since each reads its standard input until it closes.
 */
final class ClusterMembers implements AutoCloseable {

    private final String cluster = "bench-" + UUID.randomUUID();
    private final List<String> addresses = new ArrayList<>();
    private final List<Process> members = new ArrayList<>();

    ClusterMembers(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                addresses.add("127.0.0.1:" + socket.getLocalPort());
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String address : addresses) {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
            command.addAll(ClusterMember.JVM_OPTIONS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterMember.class.getName(),
                    "cluster=" + cluster, "members=" + String.join(",", addresses),
                    "port=" + address.substring(address.indexOf(':') + 1), "--exit-with-parent"));
            members.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process member : members) {
            BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("ready"));
            if (line == null) {
                close();
                throw new IOException("a member ended before it was ready");
            }
        }
    }

    /** The options of the {@code hazelcast} context of a client of these members. */
    Map<String, String> clientOptions() {
        return Map.of("cluster", cluster, "members", String.join(",", addresses), "mode", "client");
    }

    /** A plain Hazelcast client of these members, configured as the library configures its own. */
    ClientConfig clientConfig() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.getNetworkConfig().setAddresses(addresses);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        return config;
    }

    int size() {
        return members.size();
    }

    @Override
    public void close() {
        members.forEach(Process::destroy);
        for (Process member : members) {
            try {
                if (!member.waitFor(20, TimeUnit.SECONDS)) {
                    member.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                member.destroyForcibly();
            }
        }
    }
}
