package org.multiprocessing4j.hazelcast;

import com.hazelcast.client.HazelcastClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessContext;

/**
 * Members of a fresh cluster on 127.0.0.1, each a JVM of its own started with the test's class
 * path, and the context of a client of them. Each cluster has a name of its own, so that members
 * left over by another run never join it. Closing stops the members; they also end with the test
 * JVM, since each reads its standard input until it closes.
 */
final class MemberJvms implements AutoCloseable {

    private final String cluster = "test-" + UUID.randomUUID();
    private final List<String> addresses = new ArrayList<>();
    private final List<Process> members = new ArrayList<>();

    MemberJvms(int count) {
        try {
            for (int i = 0; i < count; i++) {
                addresses.add("127.0.0.1:" + freePort());
            }
            for (String address : addresses) {
                members.add(start(address));
            }
            for (Process member : members) {
                awaitReady(member);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private Process start(String address) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(ClusterMember.JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ClusterMember.class.getName(), "cluster=" + cluster, "members=" + String.join(",", addresses),
                "port=" + address.substring(address.indexOf(':') + 1), "--exit-with-parent"));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void awaitReady(Process member) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("ready")) {
                return;
            }
        }
        throw new IOException("a member ended before it was ready; exit code " + member.exitValue());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The context of a client of these members. */
    ProcessContext client() {
        return ProcessContext.get("hazelcast", Map.of("cluster", cluster, "members", String.join(",", addresses),
                "mode", "client"));
    }

    List<Process> members() {
        return members;
    }

    /** Where each member listens, in the order of {@link #members()}. */
    List<String> addresses() {
        return addresses;
    }

    /**
     * Stops the members, after this JVM's instances have left them, so that none waits for them;
     * then checks that nothing they ran is left: no child JVM of theirs (children, pool workers,
     * spare JVMs) runs, and no session directory of a member stopped here remains in shared memory.
     *
     * @throws AssertionError if something is left
     */
    @Override
    public void close() {
        HazelcastClient.shutdownAll();
        List<ProcessHandle> descendants = new ArrayList<>();
        for (Process member : members) {
            member.descendants().forEach(descendants::add);
            member.destroy();
        }
        for (Process member : members) {
            try {
                if (!member.waitFor(20, TimeUnit.SECONDS)) {
                    member.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                member.destroyForcibly();
            }
        }
        for (ProcessHandle descendant : descendants) {
            try {
                descendant.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported below
            }
        }
        List<Long> running = descendants.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (!running.isEmpty()) {
            throw new AssertionError("processes the members ran are left running: " + running);
        }
        List<String> sessions = new ArrayList<>();
        for (Process member : members) {
            if (member.exitValue() != 137) {
                try (var entries = Files.list(Path.of("/dev/shm"))) {
                    entries.map(path -> path.getFileName().toString())
                            .filter(name -> name.startsWith("mp4j-" + member.pid() + "-")).forEach(sessions::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (!sessions.isEmpty()) {
            throw new AssertionError("members left their shared memory behind: " + sessions);
        }
    }
}
