package org.multiprocessing4j.python;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multiprocessing4j.AuthenticationException;
import org.multiprocessing4j.Client;
import org.multiprocessing4j.Listener;
import org.multiprocessing4j.SocketConnection;

/**
 * {@link Listener} and {@link Client} against CPython, on 127.0.0.1: CPython's own
 * {@code multiprocessing.connection} of {@code python3} (3.11 here: the handshake before 3.12)
 * and of {@code python3.12} when there is one, and scripted peers that speak the 3.12 handshake
 * byte by byte with {@code hmac}, both ways, with a legacy answer to a 3.12 challenge among them.
 * The two sides exchange bytes here; {@link PickleWithCPythonIT} exchanges objects.
 */
@Timeout(120)
class CPythonConnectionIT {

    private static final String KEY = "shared secret";

    /** CPython's Client: answers, challenges, then sends back the reverse of what it receives. */
    private static final String CPYTHON_CLIENT = """
            import multiprocessing, sys
            from multiprocessing.connection import Client
            try:
                with Client(("127.0.0.1", int(sys.argv[1])), authkey=sys.argv[2].encode()) as conn:
                    conn.send_bytes(conn.recv_bytes()[::-1])
                    print("exchanged", flush=True)
            except multiprocessing.AuthenticationError as e:
                print("refused", flush=True)
            """;

    /** CPython's Listener: prints its port, accepts one connection and answers what it receives. */
    private static final String CPYTHON_LISTENER = """
            import multiprocessing, sys
            from multiprocessing.connection import Listener
            with Listener(("127.0.0.1", 0), authkey=sys.argv[1].encode()) as listener:
                print(listener.address[1], flush=True)
                try:
                    with listener.accept() as conn:
                        conn.send_bytes(b"CPython got " + conn.recv_bytes())
                        print("exchanged", flush=True)
                except multiprocessing.AuthenticationError:
                    print("refused", flush=True)
            """;

    /** CPython 3.12's handshake by hand, for the scripted peers below. */
    private static final String HANDSHAKE_3_12 = """
            import hmac, os, socket, struct, sys
            key = sys.argv[1].encode()
            def exact(s, n):
                data = b""
                while len(data) < n:
                    chunk = s.recv(n - len(data))
                    if not chunk:
                        raise EOFError
                    data += chunk
                return data
            def send(s, data):
                s.sendall(struct.pack("!i", len(data)) + data)
            def recv(s):
                return exact(s, struct.unpack("!i", exact(s, 4))[0])
            def challenge(s):
                message = b"{sha256}" + os.urandom(40)
                send(s, b"#CHALLENGE#" + message)
                answer = recv(s)
                assert answer == b"{sha256}" + hmac.new(key, message, "sha256").digest(), answer
                send(s, b"#WELCOME#")
            def answer(s, legacy):
                challenge = recv(s)
                assert challenge.startswith(b"#CHALLENGE#{sha256}") and len(challenge) == 11 + 8 + 40, challenge
                message = challenge[11:]
                if legacy:
                    # what CPython 3.11 answers to a 3.12 challenge: the bare HMAC-MD5 of all of it
                    send(s, hmac.new(key, message, "md5").digest())
                else:
                    send(s, b"{sha256}" + hmac.new(key, message, "sha256").digest())
                assert recv(s) == b"#WELCOME#"
            """;

    @ParameterizedTest
    @ValueSource(strings = {"python3", "python3.12"})
    void aCPythonClientAuthenticatesToThisListenerAndTheyExchangeBytes(String python) throws Exception {
        CPython.assumeAvailable(python);
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY.getBytes(UTF_8))) {
            Process client = CPython.run(python, CPYTHON_CLIENT, port(listener), KEY);
            try (SocketConnection conn = listener.accept(CPython.PATIENCE)) {
                conn.sendBytes("olleh".getBytes(UTF_8));
                assertThat(new String(conn.recvBytes(), UTF_8)).isEqualTo("hello");
            }
            assertThat(CPython.output(client)).containsExactly("exchanged");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "python3.12"})
    void aCPythonClientWithAnEmptyKeyAuthenticatesToThisListenerWithAnEmptyKey(String python) throws Exception {
        CPython.assumeAvailable(python);
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), new byte[0])) {
            Process client = CPython.run(python, CPYTHON_CLIENT, port(listener), "");
            try (SocketConnection conn = listener.accept(CPython.PATIENCE)) {
                conn.sendBytes("yek ytpme".getBytes(UTF_8));
                assertThat(new String(conn.recvBytes(), UTF_8)).isEqualTo("empty key");
            }
            assertThat(CPython.output(client)).containsExactly("exchanged");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "python3.12"})
    void thisClientAuthenticatesToACPythonListenerAndTheyExchangeBytes(String python) throws Exception {
        CPython.assumeAvailable(python);
        Process listener = CPython.run(python, CPYTHON_LISTENER, KEY);
        BufferedReader out = CPython.reader(listener);
        try (SocketConnection conn = Client.connect(localPort(out.readLine()), KEY.getBytes(UTF_8))) {
            conn.sendBytes("hello".getBytes(UTF_8));
            assertThat(new String(conn.recvBytes(), UTF_8)).isEqualTo("CPython got hello");
        }
        assertThat(CPython.untilExit(listener, out)).containsExactly("exchanged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "python3.12"})
    void aCPythonClientWithAWrongKeyIsRefusedOnBothSides(String python) throws Exception {
        CPython.assumeAvailable(python);
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY.getBytes(UTF_8))) {
            Process client = CPython.run(python, CPYTHON_CLIENT, port(listener), "another key");
            assertThatThrownBy(() -> listener.accept(CPython.PATIENCE)).isInstanceOf(AuthenticationException.class);
            assertThat(CPython.output(client)).containsExactly("refused");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "python3.12"})
    void thisClientWithAWrongKeyIsRefusedByACPythonListenerOnBothSides(String python) throws Exception {
        CPython.assumeAvailable(python);
        Process listener = CPython.run(python, CPYTHON_LISTENER, KEY);
        BufferedReader out = CPython.reader(listener);
        InetSocketAddress address = localPort(out.readLine());
        assertThatThrownBy(() -> Client.connect(address, "another key".getBytes(UTF_8)))
                .isInstanceOf(AuthenticationException.class);
        assertThat(CPython.untilExit(listener, out)).containsExactly("refused");
    }

    @Test
    void aPeerSpeakingThe312FormByHandAuthenticatesToThisListenerBothWays() throws Exception {
        CPython.assumeAvailable("python3");
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY.getBytes(UTF_8))) {
            Process client = CPython.run("python3", HANDSHAKE_3_12 + """
                    s = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
                    answer(s, legacy=False)
                    challenge(s)
                    send(s, recv(s)[::-1])
                    print("exchanged", flush=True)
                    """, KEY, port(listener));
            try (SocketConnection conn = listener.accept(CPython.PATIENCE)) {
                conn.sendBytes("olleh".getBytes(UTF_8));
                assertThat(new String(conn.recvBytes(), UTF_8)).isEqualTo("hello");
            }
            assertThat(CPython.output(client)).containsExactly("exchanged");
        }
    }

    @Test
    void thisClientAuthenticatesToAListenerSpeakingThe312FormByHandWhichAnswersTheLegacyWay() throws Exception {
        CPython.assumeAvailable("python3");
        Process listener = CPython.run("python3", HANDSHAKE_3_12 + """
                server = socket.create_server(("127.0.0.1", 0))
                print(server.getsockname()[1], flush=True)
                s, _ = server.accept()
                challenge(s)
                answer(s, legacy=True)
                send(s, b"got " + recv(s))
                print("exchanged", flush=True)
                """, KEY);
        BufferedReader out = CPython.reader(listener);
        try (SocketConnection conn = Client.connect(localPort(out.readLine()), KEY.getBytes(UTF_8))) {
            conn.sendBytes("hello".getBytes(UTF_8));
            assertThat(new String(conn.recvBytes(), UTF_8)).isEqualTo("got hello");
        }
        assertThat(CPython.untilExit(listener, out)).containsExactly("exchanged");
    }

    private static String port(Listener listener) {
        return String.valueOf(((InetSocketAddress) listener.address()).getPort());
    }

    private static InetSocketAddress localPort(String line) {
        assertThat(line).as("the port CPython listens on").matches("[0-9]+");
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(line));
    }
}
