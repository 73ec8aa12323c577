package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.multiprocessing4j.spi.ContextProvider;

/**
 * The client connection a member's spare JVM makes while it waits for a child, so that the child
 * finds itself connected to the cluster instead of spending seconds on it: most of a cluster
 * child's start is a fresh JVM loading and running Hazelcast's client for the first time.
 *
 * <p>A member launches its spares with {@linkplain #jvmOptions the system properties} that name
 * this backend and the member; the spare's warm-up calls {@link #start}, which connects on a daemon
 * thread. A child that then reaches for the cluster {@linkplain #take takes} the connection (waiting
 * for it if it is still being made); one whose target never did is {@linkplain #discard discarded}
 * when the child ends. The client has a name of its own from the start, so that its threads are
 * known as the cluster's (see {@link ProgramEnd}) even while it connects.
 */
final class SpareConnection {

    private static final String MEMBER_PROPERTY = "multiprocessing4j.hazelcast.spareOf";

    private static String cluster;
    private static String member;
    private static String name;
    private static CompletableFuture<HazelcastInstance> connecting;
    private static boolean taken;
    private static boolean discarded;

    private SpareConnection() {
    }

    /**
     * The JVM options of a spare of the member at {@code member} (host:port) of {@code cluster}: the
     * spare connects to it ahead. The cluster's name is encoded, since options are split at spaces.
     */
    static List<String> jvmOptions(String cluster, String member) {
        return List.of("-D" + ContextProvider.SPARE_WARM_UP_PROPERTY + "=" + HazelcastContextProvider.NAME,
                "-D" + MEMBER_PROPERTY + "=" + URLEncoder.encode(cluster, StandardCharsets.UTF_8) + "@" + member);
    }

    /** In a spare launched with {@link #jvmOptions}: starts connecting to its member. */
    static synchronized void start() {
        String spareOf = System.getProperty(MEMBER_PROPERTY);
        if (spareOf == null || connecting != null) {
            return;
        }
        int at = spareOf.indexOf('@');
        cluster = URLDecoder.decode(spareOf.substring(0, at), StandardCharsets.UTF_8);
        member = spareOf.substring(at + 1);
        name = "multiprocessing4j-spare-" + ProcessHandle.current().pid();
        ClientConfig config = ClusterConfigs.client(cluster, List.of(member), ClusterRuntime.PATIENCE_MILLIS);
        config.setInstanceName(name);
        CompletableFuture<HazelcastInstance> future = new CompletableFuture<>();
        connecting = future;
        Thread connector = new Thread(() -> {
            try {
                future.complete(HazelcastClient.newHazelcastClient(config));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
            discardIfUnwanted();
        }, "multiprocessing4j spare connect");
        connector.setDaemon(true);
        connector.start();
    }

    /**
     * The connection made ahead to {@code member} of {@code cluster}, once made, or null if there
     * is none, or it failed (the caller then connects as it would have).
     */
    static HazelcastInstance take(String cluster, String member) {
        CompletableFuture<HazelcastInstance> future;
        synchronized (SpareConnection.class) {
            if (connecting == null || taken || discarded || !cluster.equals(SpareConnection.cluster)
                    || !member.equals(SpareConnection.member)) {
                return null;
            }
            taken = true;
            future = connecting;
        }
        try {
            // without regard to interrupts: a connection taken must not be left connected
            return future.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    /** The name of a connection made ahead that no one took, whose threads are the cluster's. */
    static synchronized String untakenName() {
        return connecting != null && !taken ? name : null;
    }

    /**
     * Once the child is over: leaves the cluster if the connection was never taken, now or, if it
     * is still being made, as soon as it is.
     */
    static void discard() {
        synchronized (SpareConnection.class) {
            if (connecting == null || taken) {
                return;
            }
            discarded = true;
        }
        discardIfUnwanted();
    }

    private static void discardIfUnwanted() {
        HazelcastInstance instance;
        synchronized (SpareConnection.class) {
            if (!discarded || taken || !connecting.isDone()) {
                return;
            }
            taken = true; // by no one: no second shutdown, and no name among the cluster's threads
            instance = connecting.isCompletedExceptionally() ? null : connecting.getNow(null);
        }
        if (instance != null) {
            instance.shutdown();
        }
    }
}
