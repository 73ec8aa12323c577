package org.multiprocessing4j.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Client;
import org.multiprocessing4j.Listener;
import org.multiprocessing4j.SocketConnection;
import org.multiprocessing4j.python.PickleSerializer;

/**
 * Workload {@code connection.round-trip}: this process sends {@code ["u", i, "hello"]} through a
 * connection its {@link Listener} accepted on 127.0.0.1, with an authentication key, and receives
 * it back from a child that connected with {@link Client} and echoes it,
 * {@value Channels#ROUND_TRIPS} times per run. The child connects once, before the warm-up.
 * Python's side does the same with {@code multiprocessing.connection.Listener} and {@code Client}.
 *
 * <p>Workload {@code connection.pickle-round-trip}: the same with the echoing peer a CPython
 * interpreter, {@code benchmarks/python/workloads.py --echo-peer PORT}, and the listener's
 * serializer {@link PickleSerializer}: Java to CPython and back. Python's side starts the same
 * peer, CPython to CPython.
 */
final class ConnectionRoundTrip {

    private static final byte[] KEY = "benchmark key".getBytes(UTF_8);

    private ConnectionRoundTrip() {
    }

    static void run(Settings settings, Consumer<String> out) throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            int port = ((InetSocketAddress) listener.address()).getPort();
            ChildProcess echo = Channels.start(() -> {
                try (SocketConnection conn = Client.connect(new InetSocketAddress("127.0.0.1", port), KEY)) {
                    Channels.echo(conn);
                }
            });
            Samples samples;
            try (SocketConnection conn = listener.accept()) {
                samples = Samples.collect(settings, Channels.roundTrips(conn));
                conn.send(Channels.STOP);
            }
            Channels.join(List.of(echo));
            out.accept(ResultLine.microsEach("connection.round-trip", "connection", samples, Channels.ROUND_TRIPS));
        }
    }

    static void withCPython(Settings settings, Consumer<String> out) throws Exception {
        try (Listener listener = Listener.builder(new InetSocketAddress("127.0.0.1", 0)).authKey(KEY)
                .serializer(PickleSerializer.instance()).bind()) {
            int port = ((InetSocketAddress) listener.address()).getPort();
            Process peer = new ProcessBuilder(settings.python(), "benchmarks/python/workloads.py", "--echo-peer",
                    String.valueOf(port)).inheritIO().start();
            Samples samples;
            try (SocketConnection conn = listener.accept(Duration.ofSeconds(60))) {
                samples = Samples.collect(settings, Channels.roundTrips(conn));
                conn.send(Channels.STOP);
            }
            if (!peer.waitFor(60, TimeUnit.SECONDS) || peer.exitValue() != 0) {
                peer.destroyForcibly();
                throw new IllegalStateException("the CPython peer did not end cleanly");
            }
            out.accept(ResultLine.microsEach("connection.pickle-round-trip", "Java-CPython", samples,
                    Channels.ROUND_TRIPS));
        }
    }
}
