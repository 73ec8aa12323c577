package org.multiprocessing4j.python;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multiprocessing4j.Client;
import org.multiprocessing4j.Listener;
import org.multiprocessing4j.SocketConnection;

/**
 * Objects, not only bytes, between this library's connections and CPython's
 * {@code multiprocessing.connection} on 127.0.0.1, with {@link PickleSerializer}: every mapped
 * type both ways, pickles of every protocol CPython writes, and a crafted pickle refused. Run with
 * {@code python3} and with {@code python3.12} where there is one; skipped without them.
 */
@Timeout(120)
class PickleWithCPythonIT {

    private static final String KEY = "pickle key";

    /** Answers each object with its repr (and whether a pair's two items are one object) and itself. */
    private static final String ECHO_LISTENER = """
            import sys
            from multiprocessing.connection import Listener
            with Listener(("127.0.0.1", 0), authkey=sys.argv[1].encode()) as listener:
                print(listener.address[1], flush=True)
                with listener.accept() as conn:
                    while True:
                        value = conn.recv()
                        if value == "stop":
                            break
                        described = repr(value)
                        if isinstance(value, list) and len(value) == 2 and value[0] is value[1]:
                            described += " shared"
                        conn.send((described, value))
            """;

    /** Python's values, through send() and as pickles of protocols 0 to 5, then a crafted one. */
    private static final String SENDING_CLIENT = """
            import os, pickle, sys
            from multiprocessing.connection import Client
            values = [None, True, 42, 2**100, -2**70, 2.5, "naïve – 日本 🐍", b"\\x00\\x01\\xff",
                      bytearray(b"ab"), [1, [2]], ("a", 1), {"k": [1, 2]}, {3}, frozenset({4}), b"", ()]
            class Crafted:
                def __reduce__(self):
                    return (os.system, ("echo crafted pickle ran",))
            with Client(("127.0.0.1", int(sys.argv[1])), authkey=sys.argv[2].encode()) as conn:
                conn.send(values)
                for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
                    conn.send_bytes(pickle.dumps(values, protocol=protocol))
                conn.send(Crafted())
                conn.send("after the crafted one")
                print("sent", flush=True)
            """;

    @ParameterizedTest
    @ValueSource(strings = {"python3", "python3.12"})
    void everyMappedTypeSentFromJavaArrivesInCPythonAsItsPythonCounterpartAndComesBack(String python)
            throws Exception {
        CPython.assumeAvailable(python);
        Process listener = CPython.run(python, ECHO_LISTENER, KEY);
        BufferedReader out = CPython.reader(listener);
        Map<String, Integer> ordered = new LinkedHashMap<>();
        ordered.put("b", 2);
        ordered.put("a", 1);
        List<Object> shared = new ArrayList<>(List.of("s"));
        Map<Object, String> expected = new LinkedHashMap<>();
        expected.put(true, "True");
        expected.put(42, "42");
        expected.put(BigInteger.TWO.pow(100), "1267650600228229401496703205376");
        expected.put(BigInteger.TWO.pow(70).negate(), "-1180591620717411303424");
        expected.put(2.5, "2.5");
        expected.put("naïve – 日本 🐍", "'naïve – 日本 🐍'");
        expected.put(new byte[] {0, 1, (byte) 255}, "b'\\x00\\x01\\xff'");
        expected.put(List.of(1, List.of("a", List.of())), "[1, ['a', []]]");
        expected.put(new Object[] {"a", 1}, "('a', 1)");
        expected.put(Map.of("k", List.of((Object) new Object[] {1, 2})), "{'k': [(1, 2)]}");
        expected.put(ordered, "{'b': 2, 'a': 1}");
        expected.put(Set.of(3), "{3}");
        expected.put(List.of(shared, shared), "[['s'], ['s']] shared");
        try (SocketConnection conn = client(out.readLine())) {
            conn.send(null);
            assertThat(((Object[]) conn.recv())[0]).isEqualTo("None");
            for (Map.Entry<Object, String> entry : expected.entrySet()) {
                conn.send(entry.getKey());
                Object[] answer = (Object[]) conn.recv();
                assertThat(answer[0]).as("CPython's repr of %s", entry.getValue()).isEqualTo(entry.getValue());
                assertThat(answer[1]).usingRecursiveComparison().as("%s back", entry.getValue())
                        .isEqualTo(entry.getKey());
            }
            conn.send("stop");
        }
        assertThat(CPython.untilExit(listener, out)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "python3.12"})
    void valuesCPythonPicklesInEveryProtocolArriveAsTheDocumentedJavaTypesAndACraftedOneIsRefused(String python)
            throws Exception {
        CPython.assumeAvailable(python);
        try (Listener listener = Listener.builder(new InetSocketAddress("127.0.0.1", 0)).authKey(KEY.getBytes(UTF_8))
                .serializer(PickleSerializer.instance()).bind()) {
            Process client = CPython.run(python, SENDING_CLIENT,
                    String.valueOf(((InetSocketAddress) listener.address()).getPort()), KEY);
            try (SocketConnection conn = listener.accept(CPython.PATIENCE)) {
                assertPythonValues(conn.recv(), "send()");
                for (int protocol = 0; protocol <= 5; protocol++) {
                    assertPythonValues(PickleSerializer.instance().deserialize(ByteBuffer.wrap(conn.recvBytes())),
                            "protocol " + protocol);
                }
                assertThatThrownBy(conn::recv).isInstanceOf(InvalidObjectException.class)
                        .hasMessageContaining("posix.system");
                assertThat(conn.recv()).as("the connection after the refused message").isEqualTo("after the crafted one");
            }
            assertThat(CPython.output(client)).containsExactly("sent");
        }
    }

    private static void assertPythonValues(Object received, String how) {
        assertThat(received).as(how).isInstanceOf(ArrayList.class);
        List<?> values = (List<?>) received;
        assertThat(values).as(how).hasSize(16);
        assertThat(values.get(0)).isNull();
        assertThat(values.get(1)).isEqualTo(true);
        assertThat(values.get(2)).isEqualTo(42);
        assertThat(values.get(3)).isEqualTo(BigInteger.TWO.pow(100));
        assertThat(values.get(4)).isEqualTo(BigInteger.TWO.pow(70).negate());
        assertThat(values.get(5)).isEqualTo(2.5);
        assertThat(values.get(6)).isEqualTo("naïve – 日本 🐍");
        assertThat((byte[]) values.get(7)).as(how).containsExactly(0, 1, 255);
        assertThat((byte[]) values.get(8)).as(how + ", a bytearray").containsExactly('a', 'b');
        assertThat(values.get(9)).isEqualTo(List.of(1, List.of(2)));
        assertThat((Object[]) values.get(10)).containsExactly("a", 1);
        assertThat(values.get(11)).isEqualTo(Map.of("k", List.of(1, 2)));
        assertThat(values.get(12)).isEqualTo(Set.of(3));
        assertThat(values.get(13)).as(how + ", a frozenset").isEqualTo(Set.of(4));
        assertThat((byte[]) values.get(14)).as(how + ", empty bytes").isEmpty();
        assertThat((Object[]) values.get(15)).isEmpty();
    }

    private SocketConnection client(String portLine) throws IOException, InterruptedException {
        assertThat(portLine).as("the port CPython listens on").matches("[0-9]+");
        return Client.builder(new InetSocketAddress("127.0.0.1", Integer.parseInt(portLine)))
                .authKey(KEY.getBytes(UTF_8)).serializer(PickleSerializer.instance()).connect();
    }
}
