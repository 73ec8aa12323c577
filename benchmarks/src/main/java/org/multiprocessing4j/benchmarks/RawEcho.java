package org.multiprocessing4j.benchmarks;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.multiprocessing4j.hazelcast.ClusterMember;

/**
 * The raw counterpart of a pipe to an echoing child: a JVM of its own, started with the JVM
 * options the library gives its children, whose Hazelcast client takes each element of one queue
 * with a blocking {@code take} and puts it into another, until an empty one comes. It ends with
 * the JVM that started it, since it reads its standard input until it closes.
 */
final class RawEcho {

    static final String THERE = "bench.there.jvm";
    static final String BACK = "bench.back.jvm";

    private RawEcho() {
    }

    /** Starts the echo as a client of {@code members}; returns once it is connected. */
    static Process start(ClusterMembers members) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ClientConfig config = members.clientConfig();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ClusterMember.JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawEcho.class.getName(),
                config.getClusterName(), String.join(",", config.getNetworkConfig().getAddresses())));
        Process echo = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(echo.getInputStream(), StandardCharsets.UTF_8));
        if (!"ready".equals(out.readLine())) {
            echo.destroy();
            throw new IOException("the raw echo ended before it was connected");
        }
        return echo;
    }

    public static void main(String[] arguments) throws Exception {
        Thread parent = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent: the input only closes
                }
            } catch (IOException e) {
                // closed all the same
            }
            System.exit(1);
        }, "parent watch");
        parent.setDaemon(true);
        parent.start();
        ClientConfig config = new ClientConfig();
        config.setClusterName(arguments[0]);
        config.getNetworkConfig().setAddresses(Arrays.asList(arguments[1].split(",")));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        IQueue<byte[]> in = client.getQueue(THERE);
        IQueue<byte[]> out = client.getQueue(BACK);
        System.out.println("ready");
        System.out.flush();
        for (byte[] message = in.take(); message.length > 0; message = in.take()) {
            out.put(message);
        }
        client.shutdown();
    }
}
