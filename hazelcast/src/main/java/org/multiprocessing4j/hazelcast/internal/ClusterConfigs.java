package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The Hazelcast configurations the library creates. Every one keeps to the machine's loopback
 * unless the user's members say otherwise, never phones home, joins only by the listed members, and
 * logs through the JDK's logging, quiet unless the application turns it up.
 *
 * <p>Members notice a client that went away within about a second (the Hazelcast default is ten),
 * since that is how the children of a killed parent, and the locks it held, are freed.
 */
final class ClusterConfigs {

    /** Held so that the level set stays set: Hazelcast's start-up talk is not the program's. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    static {
        if (HAZELCAST_LOG.getLevel() == null && LogManager.getLogManager().getProperty("com.hazelcast.level") == null) {
            HAZELCAST_LOG.setLevel(Level.SEVERE);
        }
    }

    private ClusterConfigs() {
    }

    static Config member(ClusterOptions options) {
        Config config;
        if (options.config().isEmpty()) {
            config = new Config();
            config.setClusterName(options.cluster());
            NetworkConfig network = config.getNetworkConfig();
            network.setPort(options.port()).setPortAutoIncrement(true);
            String host = host(options.members().get(0));
            network.getInterfaces().setEnabled(true).addInterface(host.equals("localhost") ? "127.0.0.1" : host);
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(List.copyOf(options.members()));
            config.setProperty("hazelcast.socket.bind.any", "false");
        } else {
            config = load(options.config());
        }
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.client.cleanup.period.millis", "500");
        config.setProperty("hazelcast.client.cleanup.timeout.millis", "1000");
        if (System.getProperty("hazelcast.logging.type") == null) {
            config.setProperty("hazelcast.logging.type", "jdk");
        }
        // the primitives' maps are changed by entry processors: kept as objects, an entry is not
        // deserialized and serialized again by each change, on its owner and on its backup
        config.getMapConfig("multiprocessing4j.*").setInMemoryFormat(InMemoryFormat.OBJECT);
        config.getMapConfig(MemberProcesses.EXITS_PREFIX + "*").setTimeToLiveSeconds(3600);
        return config;
    }

    /** A client of {@code members}, which gives up on the cluster after {@code patienceMillis}. */
    static ClientConfig client(String cluster, List<String> members, long patienceMillis) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.getNetworkConfig().setAddresses(List.copyOf(members));
        config.getConnectionStrategyConfig()
                .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(patienceMillis);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        if (System.getProperty("hazelcast.logging.type") == null) {
            config.setProperty("hazelcast.logging.type", "jdk");
        }
        return config;
    }

    private static String host(String member) {
        return member.substring(0, member.lastIndexOf(':'));
    }

    private static Config load(String file) {
        try {
            return Config.loadFromFile(Path.of(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hazelcast configuration " + file, e);
        }
    }
}
