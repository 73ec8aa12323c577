package org.multiprocessing4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;

/**
 * {@link Listener} and {@link Client} between this JVM and child JVMs, over TCP on 127.0.0.1 and
 * over Unix-domain sockets: objects and bytes both ways, keys right, wrong, empty and absent,
 * classes outside the allow list, the long header form, and the failures a socket has.
 */
@Timeout(120)
class ListenerClientIT {

    private static final byte[] KEY = "the right key".getBytes(UTF_8);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A message whose deserialization leaves a file behind: the proof that it was read. */
    record Greeting(String text, int n) implements Serializable {
    }

    static final class Trace implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;

        Trace(String file) {
            this.file = file;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.writeString(Path.of(file), "deserialized");
        }
    }

    @Test
    void objectsAndBytesGoBothWaysBetweenThisJvmAndAChildOverTcpLoopback() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            exchangeWithAnEchoingChild(listener, listener.address());
        }
    }

    @Test
    void objectsAndBytesGoBothWaysBetweenThisJvmAndAChildOverAUnixDomainSocket() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("listener.sock"));
        try (Listener listener = Listener.bind(address, KEY)) {
            exchangeWithAnEchoingChild(listener, address);
        }
        assertThat(address.getPath()).as("the socket's file, once closed").doesNotExist();
    }

    private static void exchangeWithAnEchoingChild(Listener listener, SocketAddress address) throws Exception {
        ChildProcess child = start(() -> {
            try (SocketConnection conn = Client.connect(address, KEY)) {
                conn.send(conn.recv());
                conn.sendBytes(conn.recvBytes());
                conn.send(new Greeting("from the child", ProcessHandle.current().hashCode()));
            }
        });
        try (SocketConnection conn = listener.accept(PATIENCE)) {
            assertThat(listener.lastAccepted()).isEqualTo(conn.remoteAddress());
            List<Object> value = Arrays.asList(23, null, "child", Map.of("d", LocalDate.of(2026, 12, 2)));
            conn.send(value);
            assertThat(conn.recv()).isEqualTo(value);
            byte[] bytes = new byte[300_000];
            new java.util.Random(7).nextBytes(bytes);
            conn.sendBytes(bytes);
            assertThat(conn.recvBytes()).isEqualTo(bytes);
            assertThat(conn.recv()).isInstanceOf(Greeting.class);
            assertThatThrownBy(conn::recv).isInstanceOf(EOFException.class);
        }
        assertExitsCleanly(child);
    }

    @Test
    void aClientWithAWrongKeyIsRefusedAndWhatItSentAfterItsAnswerIsNeverDeserialized() throws Exception {
        String trace = dir.resolve("trace").toString();
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            int port = ((InetSocketAddress) listener.address()).getPort();
            // answers with a made-up digest and sends an object right behind it, without waiting
            ChildProcess rogue = start(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    in.readFully(new byte[in.readInt()]);
                    // "{sha256}" and 32 bytes: an answer of the right form, with the wrong digest
                    out.write(frames(Arrays.copyOf("{sha256}".getBytes(UTF_8), 40), serialized(new Trace(trace))));
                    out.flush();
                    readQuietly(in);
                }
            });
            assertThatThrownBy(() -> listener.accept(PATIENCE)).isInstanceOf(AuthenticationException.class);
            assertExitsCleanly(rogue);
            assertThat(Path.of(trace)).doesNotExist();

            // the listener goes on accepting
            ChildProcess client = start(() -> Client.connect(new InetSocketAddress("127.0.0.1", port), KEY).close());
            listener.accept(PATIENCE).close();
            assertExitsCleanly(client);
        }
    }

    @Test
    void aListenerWithoutTheKeyIsRefusedByTheClientAndWhatItSentIsNeverDeserialized() throws Exception {
        String trace = dir.resolve("trace").toString();
        try (ServerSocket rogue = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // welcomes any answer, answers the client's challenge with noise, then sends an object
            CompletableFuture<Void> pretender = CompletableFuture.runAsync(() -> {
                try (Socket socket = rogue.accept()) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    writeFrame(out, "#CHALLENGE#".getBytes(UTF_8), new byte[20]);
                    in.readFully(new byte[in.readInt()]);
                    writeFrame(out, "#WELCOME#".getBytes(UTF_8));
                    in.readFully(new byte[in.readInt()]);
                    out.write(frames(new byte[16], serialized(new Trace(trace))));
                    out.flush();
                    readQuietly(in);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable).start());
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", rogue.getLocalPort());
            assertThatThrownBy(() -> Client.connect(address, KEY)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("answer to this side's challenge is wrong");
            pretender.get();
            assertThat(Path.of(trace)).doesNotExist();
        }
    }

    @Test
    void aWrongKeyIsRefusedOnBothSides() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            SocketAddress address = listener.address();
            String refusal = dir.resolve("refusal").toString();
            ChildProcess child = start(() -> {
                try {
                    Client.connect(address, "another key".getBytes(UTF_8)).close();
                } catch (AuthenticationException e) {
                    Files.writeString(Path.of(refusal), e.getMessage());
                }
            });
            assertThatThrownBy(() -> listener.accept(PATIENCE)).isInstanceOf(AuthenticationException.class);
            assertExitsCleanly(child);
            assertThat(Path.of(refusal)).content().contains("refused this side's answer");
        }
    }

    @Test
    void anEmptyKeyIsAKey() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), new byte[0])) {
            SocketAddress address = listener.address();
            ChildProcess child = start(() -> {
                try (SocketConnection conn = Client.connect(address, new byte[0])) {
                    conn.send("with an empty key");
                }
                assertRefused(() -> Client.connect(address, KEY).close());
            });
            try (SocketConnection conn = listener.accept(PATIENCE)) {
                assertThat(conn.recv()).isEqualTo("with an empty key");
            }
            assertThatThrownBy(() -> listener.accept(PATIENCE)).isInstanceOf(AuthenticationException.class);
            assertExitsCleanly(child);
        }
    }

    @Test
    void aListenerWithoutAKeyIsRefusedOnAnAddressOtherMachinesReachBeforeItBinds() {
        assertThatThrownBy(() -> Listener.bind(new InetSocketAddress("0.0.0.0", 0), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowRemoteWithoutKey");
    }

    @Test
    void anObjectOfAClassOutsideTheAllowListIsRefusedUnreadAndTheConnectionGoesOn() throws Exception {
        String trace = dir.resolve("trace").toString();
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            SocketAddress address = listener.address();
            ChildProcess child = start(() -> {
                try (SocketConnection conn = Client.connect(address, KEY)) {
                    conn.send(new Trace(trace));
                    conn.send("after it");
                }
            });
            try (SocketConnection conn = listener.accept(PATIENCE)) {
                assertThatThrownBy(conn::recv).isInstanceOf(InvalidClassException.class)
                        .hasMessageContaining(Trace.class.getName());
                assertThat(conn.recv()).isEqualTo("after it");
            }
            assertExitsCleanly(child);
            assertThat(Path.of(trace)).doesNotExist();
        }
    }

    @Test
    void aClassTheListenersAllowListNamesIsRead() throws Exception {
        String trace = dir.resolve("trace").toString();
        try (Listener listener = Listener.builder(new InetSocketAddress("127.0.0.1", 0)).authKey(KEY)
                .allowClasses(Trace.class.getName()::equals).bind()) {
            SocketAddress address = listener.address();
            ChildProcess child = start(() -> {
                try (SocketConnection conn = Client.connect(address, KEY)) {
                    conn.send(new Trace(trace));
                }
            });
            try (SocketConnection conn = listener.accept(PATIENCE)) {
                assertThat(conn.recv()).isInstanceOf(Trace.class);
            }
            assertExitsCleanly(child);
            assertThat(Path.of(trace)).content().isEqualTo("deserialized");
        }
    }

    @Test
    void aMessageSentWithTheLongHeaderFormIsReadLikeAnyOther() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), null);
                Socket raw = new Socket(InetAddress.getLoopbackAddress(),
                        ((InetSocketAddress) listener.address()).getPort())) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(-1);
            out.writeLong(5);
            out.write("hello".getBytes(UTF_8));
            writeFrame(out, "short form".getBytes(UTF_8));
            try (SocketConnection conn = listener.accept(PATIENCE)) {
                assertThat(new String(conn.recvBytes(), UTF_8)).isEqualTo("hello");
                assertThat(new String(conn.recvBytes(), UTF_8)).isEqualTo("short form");
            }
        }
    }

    @Test
    void aPeerThatClosesGivesEndOfFileAfterItsMessagesAndBreaksThePipe() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            SocketAddress address = listener.address();
            ChildProcess child = start(() -> {
                try (SocketConnection conn = Client.connect(address, KEY)) {
                    conn.send("last words");
                }
            });
            try (SocketConnection conn = listener.accept(PATIENCE)) {
                assertThat(conn.recv()).isEqualTo("last words");
                assertThatThrownBy(conn::recv).isInstanceOf(EOFException.class);
                assertThat(conn.poll()).as("the end of data is ready").isTrue();
                assertExitsCleanly(child);
                // the first send after the peer's close may still be taken by the system
                assertThatThrownBy(() -> {
                    while (true) {
                        conn.sendBytes(new byte[1000]);
                    }
                }).isInstanceOf(BrokenPipeException.class);
                conn.close();
                assertThatThrownBy(conn::recv).isInstanceOf(IOException.class).hasMessageContaining("closed");
            }
        }
    }

    @Test
    void connectingWhereNothingListensIsRefused() throws Exception {
        SocketAddress address;
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), null)) {
            address = listener.address();
        }
        assertThatThrownBy(() -> Client.connect(address, KEY)).isInstanceOf(ConnectException.class);
        UnixDomainSocketAddress missing = UnixDomainSocketAddress.of(dir.resolve("nobody.sock"));
        assertThatThrownBy(() -> Client.connect(missing, KEY)).isInstanceOf(IOException.class);
    }

    @Test
    void acceptEndsWithATimeoutAClosedListenerOrAClose() throws Exception {
        Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY);
        assertThatThrownBy(() -> listener.accept(Duration.ofMillis(20))).isInstanceOf(SocketTimeoutException.class);
        CompletableFuture<SocketConnection> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return listener.accept();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable).start());
        listener.close();
        // an AsynchronousCloseException if it was waiting already
        assertThatThrownBy(waiting::get).hasRootCauseInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(listener::accept).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void theTimeoutsOfAcceptAndConnectIncludeTheHandshakeWithAPeerThatSaysNothing() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY);
                Socket silent = new Socket(InetAddress.getLoopbackAddress(),
                        ((InetSocketAddress) listener.address()).getPort())) {
            assertThatThrownBy(() -> listener.accept(Duration.ofMillis(100)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Client.Builder client = Client.builder(new InetSocketAddress("127.0.0.1", silent.getLocalPort()))
                    .authKey(KEY).timeout(Duration.ofMillis(100));
            assertThatThrownBy(client::connect).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void waitAnyReturnsTheConnectionsWithAMessageBesideAPipe() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            SocketAddress address = listener.address();
            ProcessEvent go = ProcessContext.local().event();
            ChildProcess child = start(() -> {
                try (SocketConnection quiet = Client.connect(address, KEY);
                        SocketConnection talking = Client.connect(address, KEY)) {
                    talking.send("first");
                    go.await();
                    talking.send("second");
                    quiet.recv();
                }
            });
            try (SocketConnection a = listener.accept(PATIENCE); SocketConnection b = listener.accept(PATIENCE)) {
                Pipe pipe = ProcessContext.local().pipe();
                assertThat(Connections.waitAny(List.of(a, b, pipe.left()), PATIENCE)).hasSize(1);
                SocketConnection talking = a.poll() ? a : b;
                SocketConnection quiet = talking == a ? b : a;
                assertThat(talking.recv()).isEqualTo("first");
                assertThat(Connections.waitAny(List.of(a, b), Duration.ofMillis(20))).isEmpty();
                go.set();
                assertThat(Connections.waitAny(List.of(quiet, talking, pipe.left()), PATIENCE))
                        .containsExactly(talking);
                assertThat(talking.recv()).isEqualTo("second");
                quiet.send("done");
            }
            assertExitsCleanly(child);
        }
    }

    // CPython's _TestListenerClient and _TestListener (Lib/test/_test_multiprocessing.py), ported

    @Test
    void testListenerClient_withoutKeysAChildConnectsOverEachFamilyAndSendsHello() throws Exception {
        for (SocketAddress address : List.of(new InetSocketAddress("127.0.0.1", 0),
                UnixDomainSocketAddress.of(dir.resolve("hello.sock")))) {
            try (Listener listener = Listener.bind(address, null)) {
                ChildProcess child = startSayingHello(listener.address());
                try (SocketConnection conn = listener.accept(PATIENCE)) {
                    assertThat(conn.recv()).isEqualTo("hello");
                }
                assertExitsCleanly(child);
            }
        }
    }

    @Test
    void testIssue14725_aClientThatSentAndClosedBeforeTheAcceptIsAcceptedAndRead() throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), null)) {
            assertExitsCleanly(startSayingHello(listener.address()));
            try (SocketConnection conn = listener.accept(PATIENCE)) {
                assertThat(conn.recv()).isEqualTo("hello");
            }
        }
    }

    @Test
    void testIssue16955_aClientsPollSeesBytesTheAcceptedSideSent() throws Exception {
        for (SocketAddress address : List.of(new InetSocketAddress("127.0.0.1", 0),
                UnixDomainSocketAddress.of(dir.resolve("poll.sock")))) {
            try (Listener listener = Listener.bind(address, KEY)) {
                CompletableFuture<SocketConnection> connecting = connectOnNewThread(listener.address());
                try (SocketConnection accepted = listener.accept(PATIENCE);
                        SocketConnection client = connecting.get()) {
                    accepted.sendBytes("hello".getBytes(UTF_8));
                    assertThat(client.poll(PATIENCE)).isTrue();
                }
            }
        }
    }

    @Test
    void testMultipleBind_aSecondListenerOnAnAddressInUseIsRefused() throws Exception {
        for (SocketAddress address : List.of(new InetSocketAddress("127.0.0.1", 0),
                UnixDomainSocketAddress.of(dir.resolve("taken.sock")))) {
            try (Listener listener = Listener.bind(address, KEY)) {
                assertThatThrownBy(() -> Listener.bind(listener.address(), KEY)).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void testContext_tryWithResourcesClosesAllThreeAndAcceptAfterwardsFails() throws Exception {
        Listener closed;
        SocketConnection closedClient;
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            closed = listener;
            CompletableFuture<SocketConnection> connecting = connectOnNewThread(listener.address());
            try (SocketConnection accepted = listener.accept(PATIENCE); SocketConnection client = connecting.get()) {
                closedClient = client;
                client.send(1729);
                assertThat(accepted.recv()).isEqualTo(1729);
            }
        }
        assertThat(closedClient.isClosed()).isTrue();
        assertThatThrownBy(closed::accept).isInstanceOf(ClosedChannelException.class);
    }

    /** A child that connects to {@code address} without a key, sends "hello" and closes. */
    private static ChildProcess startSayingHello(SocketAddress address) {
        return start(() -> {
            try (SocketConnection conn = Client.connect(address, null)) {
                conn.send("hello");
            }
        });
    }

    /** A client connecting from another thread, since the handshake needs this one to accept. */
    private static CompletableFuture<SocketConnection> connectOnNewThread(SocketAddress address) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Client.connect(address, KEY);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable).start());
    }

    private static ChildProcess start(SerializableRunnable target) {
        ChildProcess child = ProcessContext.local().process(target);
        child.start();
        return child;
    }

    private static void assertExitsCleanly(ChildProcess child) throws InterruptedException {
        assertThat(child.join(PATIENCE)).as("%s exits", child).isTrue();
        assertThat(child.exitCode()).as("%s: %s", child, child.exception()).isZero();
    }

    private static void assertRefused(SerializableRunnable attempt) throws Exception {
        try {
            attempt.run();
        } catch (AuthenticationException e) {
            return;
        }
        throw new AssertionError("not refused");
    }

    /** Writes one message in CPython's format, its parts one after the other. */
    static void writeFrame(DataOutputStream out, byte[]... parts) throws IOException {
        out.writeInt(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
    }

    /** Messages in CPython's format, one after the other, to be sent in one write. */
    private static byte[] frames(byte[]... messages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            writeFrame(new DataOutputStream(bytes), message);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the peer's verdict, if it comes: a peer that closes with bytes unread resets the
     * connection, which may come first.
     */
    private static void readQuietly(DataInputStream in) {
        try {
            in.readFully(new byte[in.readInt()]);
        } catch (IOException e) {
            // reset: the verdict is the test's to check
        }
    }

    private static byte[] serialized(Object value) {
        ByteBuffer buffer = Serializer.standard().serialize(value, ByteBuffer.allocate(256)).flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
