package org.multiprocessing4j.internal.manager;

import java.io.Serializable;
import java.net.SocketAddress;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;

/**
 * What a proxy carries to find its manager in another process: the manager's identity, the server
 * process, and the ways in. A process of this machine started by the library opens connections
 * through the door queue, a pipe each; a process reached over the network knows only the socket,
 * and only if it connected to it itself, since the key is never written.
 */
final class ManagerAddress implements Serializable {

    private static final long serialVersionUID = 1L;

    final String id;
    final long pid;
    final long stamp;
    final ProcessQueue<Object> door;
    final ProcessContext context;
    final SocketAddress socket;

    ManagerAddress(String id, long pid, long stamp, ProcessQueue<Object> door, ProcessContext context,
            SocketAddress socket) {
        this.id = id;
        this.pid = pid;
        this.stamp = stamp;
        this.door = door;
        this.context = context;
        this.socket = socket;
    }

    /** This address without its door, which only processes of this machine may use. */
    ManagerAddress remote() {
        return new ManagerAddress(id, pid, stamp, null, null, socket);
    }

    private Object writeReplace() {
        return door != null && ManagerWire.writingToNetwork() ? remote() : this;
    }

    @Override
    public String toString() {
        return "manager " + id + (socket != null ? " at " + socket : "");
    }
}
