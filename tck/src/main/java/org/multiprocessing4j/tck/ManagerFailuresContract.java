package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.AuthenticationException;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ManagedMap;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.ManagerOptions;
import org.multiprocessing4j.ManagerUnavailableException;
import org.multiprocessing4j.ProcessQueue;

/**
 * A manager's server dying, shut down, and reached over a socket by another JVM with the right key,
 * a wrong key, or a class outside its allow list. Each test starts a manager of its own.
 */
@Timeout(120)
public abstract class ManagerFailuresContract extends ContextContract {

    private static final byte[] KEY = "the right key".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** A registered type whose every object is one in the server: what a remote client shares. */
    public interface Board {
        /** @param note what to add */
        void add(String note);

        /** @return the notes so far */
        List<String> notes();
    }

    /** The server's one board. */
    static final class ServedBoard implements Board {
        static final ServedBoard ONE = new ServedBoard();
        private final List<String> notes = new java.util.ArrayList<>();

        static Board one() {
            return ONE;
        }

        @Override
        public synchronized void add(String note) {
            notes.add(note);
        }

        @Override
        public synchronized List<String> notes() {
            return List.copyOf(notes);
        }
    }

    /** Leaves a file behind when it is deserialized: the proof that a payload was read. */
    static final class Trace implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String path;

        Trace(String path) {
            this.path = path;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.writeString(Path.of(path), "deserialized");
        }
    }

    /** A plain serializable class, neither record nor enum: read over a socket only when allowed. */
    static final class Note implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String text;

        Note(String text) {
            this.text = text;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Note note && note.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    /** A lambda whose capturing class is an interface: code a peer must not be able to choose. */
    public interface Actions {
        /**
         * @param path where the action leaves its trace
         * @return an action that writes the file
         */
        static org.multiprocessing4j.function.SerializableRunnable leaveTrace(String path) {
            return () -> Files.writeString(Path.of(path), "ran");
        }
    }

    private Set<ChildProcess> managers() {
        return context().activeChildren().stream().filter(child -> child.name().startsWith("Manager"))
                .collect(Collectors.toSet());
    }

    private ChildProcess serverOf(Set<ChildProcess> before) {
        Set<ChildProcess> now = managers();
        now.removeAll(before);
        assertThat(now).hasSize(1);
        return now.iterator().next();
    }

    @Test
    void killedServerFailsEveryCallWithinTwoSeconds() throws Exception {
        Set<ChildProcess> before = managers();
        Manager manager = context().manager();
        ManagedMap<String, Integer> map = manager.map();
        ProcessQueue<String> queue = manager.queue();
        map.put("a", 1);
        ChildProcess server = serverOf(before);
        ChildProcess waitingChild = start(() -> {
            try {
                queue.take();
            } catch (ManagerUnavailableException expected) {
                return;
            }
            throw new AssertionError("take() returned");
        });
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                queue.take();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        await().atMost(PATIENCE).until(() -> queue.size() == 0 && map.get("a") == 1);
        server.kill();
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThatThrownBy(() -> map.get("a")).isInstanceOf(ManagerUnavailableException.class);
            assertThat(waiting.get()).isInstanceOf(ManagerUnavailableException.class);
        });
        assertExitsCleanly(waitingChild);
        assertThat(manager.isAlive()).isFalse();
        manager.close();
        try (Manager again = context().manager()) {
            ManagedMap<String, Integer> fresh = again.map();
            fresh.put("b", 2);
            assertThat(fresh).containsEntry("b", 2);
        }
    }

    @Test
    void shutdownEndsTheServerAndItsSocket() throws Exception {
        Set<ChildProcess> before = managers();
        Manager manager = context().manager(new ManagerOptions().listen().authKey(KEY));
        ManagedMap<String, Integer> map = manager.map();
        map.put("a", 1);
        ChildProcess server = serverOf(before);
        InetSocketAddress address = (InetSocketAddress) manager.address().orElseThrow();
        manager.close();
        assertThat(server.isAlive()).isFalse();
        assertThat(server.exitCode()).isZero();
        assertThatThrownBy(() -> map.get("a")).isInstanceOf(ManagerUnavailableException.class);
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(IOException.class);
        manager.close();
    }

    @Test
    void anotherJvmConnectsWithTheKeyAndSharesObjects() throws Exception {
        ManagerOptions options = new ManagerOptions().listen().authKey(KEY).register(Board.class, ServedBoard::one);
        try (Manager manager = context().manager(options)) {
            SocketAddress address = manager.address().orElseThrow();
            Board board = manager.create(Board.class);
            board.add("from the owner");
            ChildProcess remote = start(() -> {
                try (Manager connected = Manager.connect(address, KEY)) {
                    Board same = connected.create(Board.class);
                    same.add("over the socket");
                    // a child of the connected JVM gets the proxy in its target, and the key with it
                    ChildProcess grandchild = org.multiprocessing4j.Multiprocessing.process(
                            () -> same.add("from its child"));
                    grandchild.start();
                    grandchild.join();
                    if (grandchild.exitCode() != 0) {
                        throw new AssertionError("the child could not use the proxy", grandchild.exception().orElse(null));
                    }
                    ManagedMap<String, List<Integer>> map = connected.map();
                    map.put("xs", List.of(1, 2));
                    if (!map.get("xs").equals(List.of(1, 2)) || !same.notes().contains("from the owner")) {
                        throw new AssertionError("not the same objects: " + same.notes() + " " + map);
                    }
                }
            });
            assertExitsCleanly(remote);
            assertThat(board.notes()).containsExactly("from the owner", "over the socket", "from its child");
        }
    }

    @Test
    void wrongKeyIsRefusedBeforeAnythingIsRead() throws Exception {
        Path trace = dir.resolve("trace");
        try (Manager manager = context().manager(new ManagerOptions().listen().authKey(KEY))) {
            InetSocketAddress address = (InetSocketAddress) manager.address().orElseThrow();
            assertThatThrownBy(() -> Manager.connect(address, "a wrong key".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(AuthenticationException.class);
            // a peer that answers the challenge with a serialized object instead of a digest
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                byte[] challenge = new byte[in.readInt()];
                in.readFully(challenge);
                java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
                try (ObjectOutputStream objects = new ObjectOutputStream(payload)) {
                    objects.writeObject(new Trace(trace.toString()));
                }
                out.writeInt(payload.size());
                out.write(payload.toByteArray());
                out.flush();
                byte[] answer = new byte[in.readInt()];
                in.readFully(answer);
                assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("#FAILURE#");
            }
            assertThat(trace).doesNotExist();
            ManagedMap<String, Integer> map = manager.map();
            map.put("still", 1);
            assertThat(map).containsEntry("still", 1);
        }
    }

    @Test
    void classOutsideTheAllowListIsRefusedUnread() throws Exception {
        Path trace = dir.resolve("trace");
        String tracePath = trace.toString();
        try (Manager manager = context().manager(new ManagerOptions().listen().authKey(KEY))) {
            SocketAddress address = manager.address().orElseThrow();
            ChildProcess remote = start(() -> {
                try (Manager connected = Manager.connect(address, KEY)) {
                    ManagedMap<String, Object> map = connected.map();
                    try {
                        map.put("payload", new Trace(tracePath));
                    } catch (IllegalArgumentException expected) {
                        if (!expected.getMessage().contains(Trace.class.getName())) {
                            throw new AssertionError("the refusal does not name the class", expected);
                        }
                        map.put("fine", List.of("a record, a string, a list"));
                        return;
                    }
                    throw new AssertionError("the payload was accepted");
                }
            });
            assertExitsCleanly(remote);
            assertThat(trace).doesNotExist();
        }
    }

    @Test
    void allowedClassIsReadOverTheSocketBothWays() throws Exception {
        ManagerOptions options = new ManagerOptions().listen().authKey(KEY).allowClasses(Note.class);
        try (Manager manager = context().manager(options)) {
            SocketAddress address = manager.address().orElseThrow();
            ManagedMap<String, Note> notes = manager.map();
            notes.put("owner", new Note("from the owner"));
            ChildProcess remote = start(() -> {
                try (Manager connected = Manager.connect(address, new ManagerOptions().authKey(KEY)
                        .allowPackages(Note.class.getPackageName()))) {
                    ManagedMap<String, Note> map = connected.map();
                    map.put("note", new Note("allowed"));
                    if (!map.get("note").equals(new Note("allowed"))) {
                        throw new AssertionError("the note did not come back");
                    }
                }
            });
            assertExitsCleanly(remote);
            assertThat(notes).containsEntry("owner", new Note("from the owner"));
        }
    }

    @Test
    void managerServesOnAUnixDomainSocketAndRefusesAPeersLambda() throws Exception {
        SocketAddress path = java.net.UnixDomainSocketAddress.of(dir.resolve("manager.sock"));
        try (Manager manager = context().manager(new ManagerOptions().listen(path).authKey(KEY))) {
            SocketAddress address = manager.address().orElseThrow();
            assertThat(address).isInstanceOf(java.net.UnixDomainSocketAddress.class);
            ChildProcess remote = start(() -> {
                try (Manager connected = Manager.connect(address, KEY)) {
                    ManagedMap<String, Integer> map = connected.map();
                    map.put("a", 1);
                    if (map.get("a") != 1) {
                        throw new AssertionError(map.toString());
                    }
                    try {
                        // a lambda is code of its capturing class, which the default allow list refuses
                        map.merge("a", 2, Integer::sum);
                    } catch (IllegalArgumentException expected) {
                        if (expected.getMessage().contains(ManagerFailuresContract.class.getName())) {
                            return;
                        }
                        throw expected;
                    }
                    throw new AssertionError("a peer's lambda ran in the server");
                }
            });
            assertExitsCleanly(remote);
        }
    }

    @Test
    void proxiesCrossTheSocketAsArgumentsAndResults() throws Exception {
        try (Manager manager = context().manager(new ManagerOptions().listen().authKey(KEY))) {
            SocketAddress address = manager.address().orElseThrow();
            ManagedMap<String, List<String>> lists = manager.map();
            ChildProcess remote = start(() -> {
                try (Manager connected = Manager.connect(address, KEY)) {
                    ManagedMap<String, List<String>> map = connected.map();
                    map.put("names", connected.list());
                    map.get("names").add("over the socket");
                    org.multiprocessing4j.ProcessReentrantLock lock = connected.reentrantLock();
                    org.multiprocessing4j.ProcessCondition condition = connected.condition(lock);
                    lock.lock();
                    try {
                        condition.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    if (!map.get("names").equals(List.of("over the socket"))) {
                        throw new AssertionError(map.toString());
                    }
                }
            });
            assertExitsCleanly(remote);
            lists.put("here", manager.list());
            lists.get("here").add("local");
            assertThat(lists.get("here")).containsExactly("local");
        }
    }

    @Test
    void peersLambdaOfAnInterfaceIsRefusedUnrun() throws Exception {
        Path trace = dir.resolve("trace");
        String tracePath = trace.toString();
        try (Manager manager = context().manager(new ManagerOptions().listen().authKey(KEY))) {
            SocketAddress address = manager.address().orElseThrow();
            ChildProcess remote = start(() -> {
                try (Manager connected = Manager.connect(address, KEY)) {
                    try {
                        connected.barrier(1, Actions.leaveTrace(tracePath)).await();
                    } catch (IllegalArgumentException expected) {
                        if (expected.getMessage().contains(Actions.class.getName())) {
                            return;
                        }
                        throw expected;
                    }
                    throw new AssertionError("a peer's lambda was accepted");
                }
            });
            assertExitsCleanly(remote);
            assertThat(trace).doesNotExist();
        }
    }

    @Test
    void callsOverTheSocketRethrowJdkExceptionsWithTheirType() throws Exception {
        try (Manager manager = context().manager(new ManagerOptions().listen().authKey(KEY))) {
            SocketAddress address = manager.address().orElseThrow();
            ChildProcess remote = start(() -> {
                try (Manager connected = Manager.connect(address, KEY)) {
                    ManagedMap<String, Integer> map = connected.map();
                    try {
                        map.put(null, 1);
                    } catch (NullPointerException expected) {
                        if (Arrays.stream(expected.getStackTrace()).noneMatch(
                                frame -> frame.getClassName().equals("java.util.concurrent.ConcurrentHashMap"))) {
                            throw new AssertionError("not the server's stack trace", expected);
                        }
                        return;
                    }
                    throw new AssertionError("null key accepted");
                }
            });
            assertExitsCleanly(remote);
        }
    }
}
