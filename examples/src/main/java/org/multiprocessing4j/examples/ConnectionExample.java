package org.multiprocessing4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.InetSocketAddress;
import java.util.Arrays;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Client;
import org.multiprocessing4j.Listener;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.SocketConnection;

/**
 * A child connects to the parent's listener with a key and sends an object and bytes: Python's
 * example for {@code multiprocessing.connection.Listener} and {@code Client}, with the two sides'
 * roles as the parent and a child.
 *
 * <pre>{@code
 * from multiprocessing.connection import Listener, Client
 *
 * # the child
 * with Client(('127.0.0.1', port), authkey=b'secret password') as conn:
 *     conn.send([2.25, None, 'junk'])
 *     conn.send_bytes(b'hello')
 *
 * # the parent
 * with Listener(('127.0.0.1', 0), authkey=b'secret password') as listener:
 *     with listener.accept() as conn:
 *         print(conn.recv())                   # [2.25, None, 'junk']
 *         print(conn.recv_bytes().decode())    # hello
 * }</pre>
 *
 * <p>Port 0 lets the system choose a free port, which {@link Listener#address()} tells. A CPython
 * process could take the child's place and exchange the bytes; the object it would send as a
 * pickle.
 */
public final class ConnectionExample {

    private static final byte[] KEY = "secret password".getBytes(UTF_8);

    private ConnectionExample() {
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param port where the parent listens
     * @throws Exception if connecting or sending fails
     */
    static void f(int port) throws Exception {
        try (SocketConnection conn = Client.connect(new InetSocketAddress("127.0.0.1", port), KEY)) {
            conn.send(Arrays.asList(2.25, null, "junk"));
            conn.sendBytes("hello".getBytes(UTF_8));
        }
    }

    /**
     * Listens, starts the child, prints what it sent, joins it.
     *
     * @param args ignored
     * @throws Exception if accepting or receiving fails, or the thread is interrupted
     */
    public static void main(String[] args) throws Exception {
        try (Listener listener = Listener.bind(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            int port = ((InetSocketAddress) listener.address()).getPort();
            ChildProcess p = Multiprocessing.process(ConnectionExample::f, port);
            p.start();
            try (SocketConnection conn = listener.accept()) {
                System.out.println(conn.recv());
                System.out.println(new String(conn.recvBytes(), UTF_8));
            }
            p.join();
        }
    }
}
