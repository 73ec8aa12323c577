package org.multiprocessing4j.hazelcast.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of a {@code hazelcast} context, checked, with the defaults filled in: what a context
 * is known by, so that the same options give the same context in every process.
 *
 * @param cluster the cluster's name; members of other names do not join it
 * @param members where the members to join listen, {@code host:port} each, never a range
 * @param mode {@code member} to join as a member, {@code client} to connect as a client
 * @param port the port an embedded member listens on (the next free one above it if taken)
 * @param config a Hazelcast configuration file that replaces the settings above, or empty
 */
record ClusterOptions(String cluster, List<String> members, String mode, int port, String config) {

    static final String DEFAULT_CLUSTER = "multiprocessing4j";
    static final String DEFAULT_MEMBERS = "127.0.0.1:5701";
    private static final Set<String> NAMES = Set.of("cluster", "members", "mode", "port", "config");

    static ClusterOptions of(Map<String, String> options) {
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "' of the hazelcast context; known: "
                        + new TreeSet<>(NAMES));
            }
        }
        String cluster = options.getOrDefault("cluster", DEFAULT_CLUSTER).trim();
        if (cluster.isEmpty()) {
            throw new IllegalArgumentException("option 'cluster' of the hazelcast context is empty");
        }
        List<String> members = new ArrayList<>();
        for (String member : options.getOrDefault("members", DEFAULT_MEMBERS).split(",")) {
            members.add(address(member.trim()));
        }
        String mode = options.getOrDefault("mode", "member").trim();
        if (!mode.equals("member") && !mode.equals("client")) {
            throw new IllegalArgumentException("option 'mode' of the hazelcast context is '" + mode
                    + "'; it is 'member' or 'client'");
        }
        int port = port(options.getOrDefault("port", "5701").trim());
        String config = options.getOrDefault("config", "").trim();
        if (!config.isEmpty() && !Files.isRegularFile(Path.of(config))) {
            throw new IllegalArgumentException("option 'config' of the hazelcast context names no file: " + config);
        }
        return new ClusterOptions(cluster, List.copyOf(members), mode, port, config);
    }

    /** The options as a context reports them: every one, defaults included. */
    Map<String, String> asMap() {
        return Map.of("cluster", cluster, "members", String.join(",", members), "mode", mode,
                "port", String.valueOf(port), "config", config);
    }

    boolean client() {
        return mode.equals("client");
    }

    private static String address(String member) {
        int colon = member.lastIndexOf(':');
        if (member.isEmpty() || colon <= 0 || member.indexOf('-', colon) >= 0) {
            throw new IllegalArgumentException("option 'members' of the hazelcast context holds '" + member
                    + "'; each member is host:port, without a range of ports");
        }
        port(member.substring(colon + 1));
        return member;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw new IllegalArgumentException("'" + text + "' is not a port number (1 to 65535)");
    }
}
