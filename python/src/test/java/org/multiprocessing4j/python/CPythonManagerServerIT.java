package org.multiprocessing4j.python;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ManagedMap;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessQueue;

/**
 * CPython clients ({@code BaseManager.connect()} of {@code python3}) of a manager of this library
 * through {@link CPythonManagerServer}, on 127.0.0.1; skipped without {@code python3}. One manager
 * and one server for the class.
 */
@Timeout(120)
class CPythonManagerServerIT {

    private static final String KEY = "bridge key";

    /** A CPython client using every type the server makes, and the map Java shares. */
    private static final String CLIENT = """
            import queue, sys
            from multiprocessing.managers import (BaseManager, DictProxy, ListProxy, NamespaceProxy,
                                                  AcquirerProxy, EventProxy)
            class Client(BaseManager):
                pass
            Client.register("results", proxytype=DictProxy)
            Client.register("dict", proxytype=DictProxy)
            Client.register("list", proxytype=ListProxy)
            Client.register("Namespace", proxytype=NamespaceProxy)
            Client.register("Queue")
            Client.register("Lock", proxytype=AcquirerProxy)
            Client.register("Event", proxytype=EventProxy)
            m = Client(("127.0.0.1", int(sys.argv[1])), authkey=sys.argv[2].encode())
            m.connect()
            results = m.results()
            print("java said", results["java"])
            results["python"] = [1, 2]
            d = m.dict()
            d["a"] = 1
            print("dict", d.get("a"), len(d), "a" in d, d.get("zz", "default"), sorted(d.keys()))
            try:
                d["missing"]
            except KeyError as e:
                print("KeyError", e)
            l = m.list()
            l.append(1)
            l.extend([2, 3])
            print("list", l[-1], len(l), l.pop(0), l.index(3))
            try:
                l[10]
            except IndexError:
                print("IndexError")
            ns = m.Namespace()
            ns.x = 5
            print("namespace", ns.x)
            try:
                ns.y
            except AttributeError:
                print("AttributeError")
            q = m.Queue()
            q.put("job")
            print("queue", q.get(timeout=1), q.qsize())
            try:
                q.get(timeout=0.05)
            except queue.Empty:
                print("Empty")
            lock = m.Lock()
            print("lock", lock.acquire(), lock.acquire(False))
            lock.release()
            event = m.Event()
            print("event", event.is_set(), event.wait(0.05))
            event.set()
            print("event", event.wait(1))
            print("made with", list(m.list([1, 2])), m.dict({"a": 1}, b=2).copy(), m.Namespace(x=1).x)
            """;

    private static Manager manager;
    private static CPythonManagerServer server;
    private static ManagedMap<Object, Object> results;

    @BeforeAll
    static void startServer() throws Exception {
        CPython.assumeAvailable("python3");
        manager = Multiprocessing.manager();
        results = manager.map();
        server = CPythonManagerServer.start(manager, new InetSocketAddress("127.0.0.1", 0), KEY.getBytes(UTF_8))
                .share("results", results);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void aCPythonClientUsesEveryTypeTheServerMakesAndTheMapJavaShares() throws Exception {
        results.put("java", "hello");
        Process client = CPython.run("python3", CLIENT, port(), KEY);
        assertThat(CPython.output(client)).containsExactly(
                "java said hello",
                "dict 1 1 True default ['a']",
                "KeyError 'missing'",
                "list 3 3 1 1",
                "IndexError",
                "namespace 5",
                "AttributeError",
                "queue job 0",
                "Empty",
                "lock True False",
                "event False False",
                "event True",
                "made with [1, 2] {'a': 1, 'b': 2} 1");
        assertThat(results.get("python")).isEqualTo(List.of(1, 2));
        ManagedMap<Object, Object> shared = results;
        ChildProcess child = Multiprocessing.process(() -> {
            if (!List.of(1, 2).equals(shared.get("python"))) {
                throw new IllegalStateException("the child sees " + shared.get("python"));
            }
        });
        child.start();
        child.join();
        assertThat(child.exitCode()).as("a Java child sees what CPython put").isZero();
    }

    @Test
    void aPeerThatConnectsAndLeavesWithoutAHandshakeDoesNotStopTheServer() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(port()))) {
            socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 42});
        }
        Process client = CPython.run("python3", """
                import sys
                from multiprocessing.managers import BaseManager, DictProxy
                class Client(BaseManager):
                    pass
                Client.register("results", proxytype=DictProxy)
                m = Client(("127.0.0.1", int(sys.argv[1])), authkey=sys.argv[2].encode())
                m.connect()
                print("served", "java" in m.results().keys())
                """, port(), KEY);
        assertThat(CPython.output(client)).hasSize(1).allMatch(line -> line.startsWith("served"));
    }

    @Test
    void closingTheServerEndsAClientsWaitSoThatItTakesNothingMore() throws Exception {
        ProcessQueue<Object> jobs = manager.queue();
        CPythonManagerServer other = CPythonManagerServer.start(manager, new InetSocketAddress("127.0.0.1", 0),
                KEY.getBytes(UTF_8)).share("jobs", jobs);
        Process client = CPython.run("python3", """
                import sys
                from multiprocessing.managers import BaseManager
                class Client(BaseManager):
                    pass
                Client.register("jobs")
                m = Client(("127.0.0.1", int(sys.argv[1])), authkey=sys.argv[2].encode())
                m.connect()
                jobs = m.jobs()
                print("waiting", flush=True)
                try:
                    jobs.get()
                    print("took one")
                except Exception as e:
                    print("ended", type(e).__name__)
                """, String.valueOf(((InetSocketAddress) other.address()).getPort()), KEY);
        java.io.BufferedReader out = CPython.reader(client);
        assertThat(out.readLine()).isEqualTo("waiting");
        Thread.sleep(300);
        other.close();
        jobs.put("for a Java taker");
        assertThat(jobs.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("for a Java taker");
        assertThat(CPython.untilExit(client, out)).hasSize(1).allMatch(line -> line.startsWith("ended"));
    }

    @Test
    void aCPythonClientWithAWrongKeyIsRefused() throws Exception {
        Process client = CPython.run("python3", """
                import multiprocessing, sys
                from multiprocessing.managers import BaseManager
                try:
                    BaseManager(("127.0.0.1", int(sys.argv[1])), authkey=b"wrong").connect()
                    print("connected")
                except multiprocessing.AuthenticationError:
                    print("refused")
                """, port());
        assertThat(CPython.output(client)).containsExactly("refused");
    }

    @Test
    void aTypeOfAnotherKindCannotBeShared() {
        assertThatThrownBy(() -> server.share("text", "not a served kind")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> server.share("dict", results)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String port() {
        return String.valueOf(((InetSocketAddress) server.address()).getPort());
    }
}
