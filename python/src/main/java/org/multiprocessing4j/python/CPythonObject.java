package org.multiprocessing4j.python;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.python.internal.ManagerClient;

/**
 * An object in a CPython manager's server, called by method name: Python's {@code BaseProxy}
 * with {@code _callmethod}. The typed views of {@link CPythonManager} ({@code dict()},
 * {@code list()}, ...) are built on it.
 *
 * <p>It holds one of the server's references to the object, given up by {@link #close()}, or when
 * this proxy is garbage-collected, as CPython's proxies do: the server frees the object with the
 * last reference. Safe for use by several threads; each calls over a connection of its own.
 */
public final class CPythonObject implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final ManagerClient client;
    private final String typeid;
    private final String ident;
    private final List<String> exposed;
    private final Cleaner.Cleanable reference;
    private volatile boolean closed;

    CPythonObject(ManagerClient client, String typeid, ManagerClient.Created created) {
        this.client = client;
        this.typeid = typeid;
        this.ident = created.ident();
        this.exposed = created.exposed();
        this.reference = CLEANER.register(this, new Reference(client, created.ident()));
    }

    /**
     * Calls a method of the object in the server.
     *
     * @param method the method's name, one of {@link #exposed()}
     * @param args its arguments, of the types {@link PickleSerializer} carries
     * @return what it returned, as {@link PickleSerializer} reads it
     * @throws IllegalArgumentException if the object does not expose {@code method}
     * @throws IllegalStateException if this proxy is closed
     * @throws CPythonException if the method raised
     * @throws org.multiprocessing4j.ManagerUnavailableException if the server cannot be reached
     * @throws org.multiprocessing4j.UnserializableObjectException if an argument has no Python
     *     counterpart
     */
    public Object call(String method, Object... args) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (!exposed.contains(method)) {
            throw new IllegalArgumentException("the CPython " + typeid + " object exposes no method " + method
                    + "; it exposes " + exposed);
        }
        return client.call(ident, method, Arrays.asList(args));
    }

    /**
     * The name the object's type is registered with in the server.
     *
     * @return its typeid
     */
    public String typeId() {
        return typeid;
    }

    /**
     * The methods the server lets clients call.
     *
     * @return their names
     */
    public List<String> exposed() {
        return exposed;
    }

    /** Gives up this proxy's reference to the object in the server; it can no longer be called. */
    @Override
    public void close() {
        closed = true;
        reference.clean();
    }

    @Override
    public String toString() {
        return "CPythonObject[" + typeid + " " + ident + " at " + client.address() + "]";
    }

    /** The server's reference this proxy holds, given up once. */
    private static final class Reference implements Runnable {
        private final ManagerClient client;
        private final String ident;
        private final AtomicBoolean given = new AtomicBoolean();

        Reference(ManagerClient client, String ident) {
            this.client = client;
            this.ident = ident;
        }

        @Override
        public void run() {
            if (given.compareAndSet(false, true)) {
                try {
                    client.decref(ident);
                } catch (RuntimeException e) {
                    // the server is gone or stopped: so is the object
                }
            }
        }
    }
}
