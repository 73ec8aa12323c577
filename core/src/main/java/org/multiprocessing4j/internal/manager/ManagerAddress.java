package org.multiprocessing4j.internal.manager;

import java.io.Serializable;
import java.net.SocketAddress;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.internal.serial.TargetCodec;

/**
 * What a proxy carries to find its manager in another process: the manager's identity, the server
 * process, and the ways in. A process of this machine started by the library opens connections
 * through the door queue, a pipe each; a process that reached the manager over its socket, and the
 * children it gives a proxy to in their targets, through the socket with the key.
 */
final class ManagerAddress implements Serializable {

    private static final long serialVersionUID = 1L;

    final String id;
    final long pid;
    final long stamp;
    final ProcessQueue<Object> door;
    final ProcessContext context;
    final SocketAddress socket;
    final byte[] key;

    ManagerAddress(String id, long pid, long stamp, ProcessQueue<Object> door, ProcessContext context,
            SocketAddress socket, byte[] key) {
        this.id = id;
        this.pid = pid;
        this.stamp = stamp;
        this.door = door;
        this.context = context;
        this.socket = socket;
        this.key = key;
    }

    /** This address without its door, which only processes of this machine may use, nor a key. */
    ManagerAddress remote() {
        return new ManagerAddress(id, pid, stamp, null, null, socket, null);
    }

    /** The address of a manager reached over its socket, with the key to reach it again. */
    ManagerAddress connected(byte[] authKey) {
        return new ManagerAddress(id, pid, stamp, null, null, socket, authKey);
    }

    /**
     * The door and the key go only where they may: the door to no network peer, the key only in
     * the target of a child (or a lambda through shared memory), as Python's children inherit
     * their parent's {@code authkey}.
     */
    private Object writeReplace() {
        if (ManagerWire.writingToNetwork()) {
            return door != null || key != null ? remote() : this;
        }
        return key != null && !TargetCodec.isEncoding() ? remote() : this;
    }

    @Override
    public String toString() {
        return "manager " + id + (socket != null ? " at " + socket : "");
    }
}
