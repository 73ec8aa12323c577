package org.multiprocessing4j.hazelcast;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multiprocessing4j.ProcessContext;

/**
 * A member of a cluster for the {@code hazelcast} context, as a program of its own: it keeps the
 * cluster's shared objects and runs the children that programs start on it. Every member needs the
 * programs' classes on its class path, since it is there that their children load them.
 *
 * <pre>{@code
 * java --add-modules java.se ... (the options of JVM_OPTIONS) -cp app.jar:multiprocessing4j-core.jar:multiprocessing4j-hazelcast.jar:hazelcast.jar \
 *     org.multiprocessing4j.hazelcast.ClusterMember cluster=demo port=5701 \
 *     members=127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703
 * }</pre>
 *
 * <p>The arguments are the options of the {@code hazelcast} context ({@code name=value}; see
 * {@link org.multiprocessing4j.hazelcast}), with {@code mode=member} implied, and
 * {@code --exit-with-parent}, which ends the member when its standard input closes: the way a
 * program that starts members as its children makes sure they end with it. Once the member has
 * joined and its spare JVMs are ready (or a minute has passed), it prints one line, {@code ready},
 * on its standard output.
 */
public final class ClusterMember {

    /**
     * The JVM options a member should be started with: the access to JDK internals that Hazelcast
     * asks for (it warns, and runs slower, without it). The children a member starts inherit them.
     */
    public static final List<String> JVM_OPTIONS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private ClusterMember() {
    }

    /**
     * Starts a member and keeps it running.
     *
     * @param arguments options of the context as {@code name=value}, and {@code --exit-with-parent}
     * @throws IOException if standard input cannot be read
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] arguments) throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        boolean exitWithParent = false;
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (argument.equals("--exit-with-parent")) {
                exitWithParent = true;
            } else if (equals > 0) {
                options.put(argument.substring(0, equals), argument.substring(equals + 1));
            } else {
                System.err.println("not an option (name=value) nor --exit-with-parent: " + argument);
                System.exit(2);
            }
        }
        options.put("mode", "member");
        ProcessContext.get("hazelcast", options).prestart(Duration.ofMinutes(1));
        System.out.println("ready");
        System.out.flush();
        if (exitWithParent) {
            while (System.in.read() >= 0) {
                // what the parent writes means nothing; its end is the end of this member
            }
            System.exit(0);
        }
        // a member's work is the cluster's: it runs until it is stopped
        Thread.currentThread().join();
    }
}
