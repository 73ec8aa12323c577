package org.multiprocessing4j.python;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.AuthenticationException;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ManagerUnavailableException;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.Namespace;
import org.multiprocessing4j.ProcessEvent;

/**
 * A CPython {@code SyncManager}'s server, started once for the class with {@code python3} on
 * 127.0.0.1, used from this JVM and from child JVMs through {@link CPythonManager}; skipped
 * without {@code python3}.
 */
@Timeout(120)
class CPythonManagerIT {

    private static final String KEY = "manager key";

    /** A SyncManager with a shared dict and lock of its own, serving until shut down. */
    static final String SERVER = """
            import sys
            from multiprocessing.managers import SyncManager, DictProxy, AcquirerProxy
            import threading
            results = {"count": 0}
            counter_lock = threading.Lock()
            class Workers(SyncManager):
                pass
            Workers.register("results", callable=lambda: results, proxytype=DictProxy)
            Workers.register("counter_lock", callable=lambda: counter_lock, proxytype=AcquirerProxy)
            server = Workers(("127.0.0.1", 0), authkey=sys.argv[1].encode()).get_server()
            print(server.address[1], flush=True)
            server.serve_forever()
            """;

    /** A CPython client of the same server, which prints the shared dict. */
    private static final String READER = """
            import sys
            from multiprocessing.managers import SyncManager
            class Workers(SyncManager):
                pass
            Workers.register("results")
            manager = Workers(("127.0.0.1", int(sys.argv[1])), authkey=sys.argv[2].encode())
            manager.connect()
            results = manager.results()
            print(results.get("count"), sorted(k for k in results.keys() if k != "count"), flush=True)
            """;

    private static Process server;
    private static InetSocketAddress address;

    @BeforeAll
    static void startServer() throws Exception {
        CPython.assumeAvailable("python3");
        server = CPython.run("python3", SERVER, KEY);
        BufferedReader out = CPython.reader(server);
        String port = out.readLine();
        assertThat(port).as("the port the manager listens on").matches("[0-9]+");
        address = new InetSocketAddress("127.0.0.1", Integer.parseInt(port));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            try (CPythonManager manager = connect()) {
                manager.shutdown();
            } finally {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aDictIsAMapWhoseMethodsRunInTheServer() throws Exception {
        try (CPythonManager manager = connect()) {
            Map<Object, Object> dict = manager.dict();
            assertThat(dict.put("a", 1)).isNull();
            assertThat(dict.put("a", 2)).isEqualTo(1);
            dict.putAll(Map.of("b", List.of(1, 2)));
            assertThat(dict.get("a")).isEqualTo(2);
            assertThat(dict.containsKey("b")).isTrue();
            assertThat(dict.get("missing")).isNull();
            assertThat(dict).hasSize(2).containsEntry("b", List.of(1, 2));
            assertThat(dict.remove("a")).isEqualTo(2);
            assertThat(dict.remove("a")).isNull();
            dict.clear();
            assertThat(dict).isEmpty();
        }
    }

    @Test
    void aListIsAListWhoseMethodsRunInTheServer() throws Exception {
        try (CPythonManager manager = connect()) {
            List<Object> list = manager.list();
            list.add("x");
            list.addAll(List.of(2, 3.5));
            list.add(0, "first");
            assertThat(list).containsExactly("first", "x", 2, 3.5);
            assertThat(list.set(1, "y")).isEqualTo("x");
            assertThat(list.remove(3)).isEqualTo(3.5);
            assertThat(list.get(1)).isEqualTo("y");
            assertThat(list.contains(2)).isTrue();
            assertThatThrownBy(() -> list.get(9)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> list.add(9, "z")).isInstanceOf(IndexOutOfBoundsException.class);
            list.clear();
            assertThat(list).isEmpty();
        }
    }

    @Test
    void aNamespaceKeepsItsAttributesInTheServer() throws Exception {
        try (CPythonManager manager = connect()) {
            Namespace namespace = manager.namespace();
            namespace.set("x", 10);
            namespace.set("label", "ten");
            namespace.set("nothing", null);
            assertThat(namespace.get("x")).isEqualTo(10);
            assertThat(namespace.get("label", String.class)).isEqualTo("ten");
            assertThat(namespace.has("nothing")).isTrue();
            assertThat(namespace.names()).containsExactly("x", "label", "nothing");
            assertThat(namespace.remove("x")).isEqualTo(10);
            assertThat(namespace.has("x")).isFalse();
            assertThatThrownBy(() -> namespace.get("x")).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void aQueueIsABlockingQueueWhoseWaitsHappenInTheServer() throws Exception {
        try (CPythonManager manager = connect()) {
            BlockingQueue<Object> queue = manager.queue();
            assertThat(queue.poll()).isNull();
            assertThat(queue.poll(50, TimeUnit.MILLISECONDS)).isNull();
            CompletableFuture<Object> taken = CompletableFuture.supplyAsync(() -> {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            queue.put(List.of("task", 1));
            assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo(List.of("task", 1));
            assertThat(queue.offer("b")).isTrue();
            assertThat(queue).hasSize(1);
            List<Object> drained = new ArrayList<>();
            assertThat(queue.drainTo(drained)).isEqualTo(1);
            assertThat(drained).containsExactly("b");
            assertThatThrownBy(queue::peek).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aLockAndAnEventWorkAcrossThreadsThroughTheServer() throws Exception {
        try (CPythonManager manager = connect()) {
            Lock lock = manager.lock();
            lock.lock();
            assertThat(CompletableFuture.supplyAsync(lock::tryLock).get(30, TimeUnit.SECONDS)).isFalse();
            lock.unlock();
            assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
            lock.unlock();
            assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);

            ProcessEvent event = manager.event();
            assertThat(event.await(50, TimeUnit.MILLISECONDS)).isFalse();
            CompletableFuture.runAsync(event::set);
            assertThat(event.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(event.isSet()).isTrue();
        }
    }

    @Test
    void aRegisteredTypeIsCalledByMethodNameAndItsFailuresAreClear() throws Exception {
        try (CPythonManager manager = connect()) {
            CPythonObject results = manager.create("results");
            assertThat(results.typeId()).isEqualTo("results");
            assertThat(results.exposed()).contains("get", "__setitem__");
            assertThat(results.call("get", "count", -1)).isInstanceOf(Integer.class);
            assertThatThrownBy(() -> results.call("__getitem__", "no such key"))
                    .isInstanceOf(CPythonException.class).hasMessageContaining("KeyError")
                    .satisfies(e -> assertThat(((CPythonException) e).pythonType()).isEqualTo("builtins.KeyError"));
            assertThatThrownBy(() -> results.call("popitem_nowhere")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exposes no method popitem_nowhere");
            assertThatThrownBy(() -> manager.create("no such type")).isInstanceOf(CPythonException.class)
                    .hasMessageContaining("no such type");
            results.close();
            assertThatThrownBy(() -> results.call("get", "count")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aWrongKeyIsRefused() {
        assertThatThrownBy(() -> CPythonManager.connect(address, "another key".getBytes(UTF_8)))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void theDictOfTheServerUpdatedFromFourJavaChildrenUnderItsLockIsExactInPython() throws Exception {
        int increments = 100;
        List<ChildProcess> children = new ArrayList<>();
        InetSocketAddress server = address;
        for (int c = 0; c < 4; c++) {
            String name = "child-" + c;
            ChildProcess child = Multiprocessing.process(() -> {
                try (CPythonManager manager = CPythonManager.connect(server, KEY.getBytes(UTF_8))) {
                    Map<Object, Object> results = manager.map(manager.create("results"));
                    Lock lock = manager.lock(manager.create("counter_lock"));
                    for (int i = 0; i < increments; i++) {
                        lock.lock();
                        try {
                            results.put("count", (Integer) results.get("count") + 1);
                        } finally {
                            lock.unlock();
                        }
                    }
                    results.put(name, increments);
                }
            });
            child.start();
            children.add(child);
        }
        for (ChildProcess child : children) {
            assertThat(child.join(java.time.Duration.ofSeconds(90))).isTrue();
            assertThat(child.exitCode()).isZero();
        }
        Process reader = CPython.run("python3", READER, String.valueOf(address.getPort()), KEY);
        assertThat(CPython.output(reader))
                .containsExactly("400 ['child-0', 'child-1', 'child-2', 'child-3']");
    }

    @Test
    void callsFailWithManagerUnavailableOnceTheServerIsGone() throws Exception {
        Process other = CPython.run("python3", SERVER, KEY);
        String port = CPython.reader(other).readLine();
        CPythonManager manager = CPythonManager.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)),
                KEY.getBytes(UTF_8));
        try {
            Map<Object, Object> dict = manager.dict();
            dict.put("k", 1);
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> dict.get("k")).isInstanceOf(ManagerUnavailableException.class);
            assertThatThrownBy(manager::dict).isInstanceOf(ManagerUnavailableException.class);
        } finally {
            manager.close();
        }
    }

    private static CPythonManager connect() throws Exception {
        return CPythonManager.connect(address, KEY.getBytes(UTF_8));
    }
}
