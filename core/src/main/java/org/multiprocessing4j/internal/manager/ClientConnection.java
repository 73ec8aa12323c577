package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.multiprocessing4j.ManagerUnavailableException;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.internal.serial.ThrowableTransport;

/**
 * One thread's connection to a manager's server: a pipe of this machine's shared memory, or a
 * socket. It carries one call at a time, and its server thread stands for the thread that owns it.
 *
 * <p>Waiting for an answer, it looks every {@value #SLICE_MILLIS} ms whether the server is still
 * alive, so that a server killed mid-call fails the call within that time instead of hanging.
 * Interrupted while waiting, it asks the server, over another connection, to interrupt the call
 * there, and waits on for the answer: the call ends the way it ends in the server, so the
 * connection stays in step and nothing the server did is lost.
 */
final class ClientConnection {

    private static final int SLICE_MILLIS = 200;
    private static final Duration SLICE = Duration.ofMillis(SLICE_MILLIS);

    private final ManagerLink link;
    private final long number;
    private final PipeEnd end;
    private final boolean network;
    private final WeakReference<Thread> owner;
    private long calls;

    ClientConnection(ManagerLink link, long number, PipeEnd end, boolean network, Thread owner) {
        this.link = link;
        this.number = number;
        this.end = end;
        this.network = network;
        this.owner = owner == null ? null : new WeakReference<>(owner);
    }

    /** Whether this connection's thread has ended, so that nothing will use it again. */
    boolean isOrphaned() {
        if (owner == null) {
            return false;
        }
        Thread thread = owner.get();
        return thread == null || !thread.isAlive();
    }

    /**
     * Calls a method in the server.
     *
     * @param interruptible whether an interrupt of the caller interrupts the call in the server;
     *     otherwise it is kept for the caller
     * @return the result, or {@link ManagerWire.Exported}
     * @throws Throwable what the method threw, or {@link ManagerUnavailableException}
     */
    Object call(long object, int method, Object[] args, boolean interruptible) throws Throwable {
        long call = ++calls;
        List<Object> arguments = args.length == 0 ? List.of() : Arrays.asList(args);
        try {
            ManagerWire.send(end, new ManagerWire.Call(object, method, arguments), network);
        } catch (IOException e) {
            throw link.lost(this, e);
        } catch (InterruptedException e) {
            // the message is whole or not sent at all only if the send completed: start afresh
            link.drop(this);
            throw e;
        }
        boolean interrupted = false;
        Object reply;
        while (true) {
            try {
                if (end.poll(SLICE)) {
                    reply = end.recv();
                    break;
                }
            } catch (InterruptedException e) {
                if (!interrupted && interruptible) {
                    link.interrupt(number, call);
                }
                interrupted = true;
                continue;
            } catch (java.io.InvalidClassException e) {
                // the answer was read whole and refused: the connection is still in step
                throw new IllegalStateException("this process refused the manager's answer: " + e.getMessage(), e);
            } catch (IOException e) {
                throw link.lost(this, e);
            }
            link.checkAlive(this);
        }
        if (reply instanceof ManagerWire.Thrown thrown) {
            Throwable failure = ThrowableTransport.decode(thrown.failure(), !network);
            if (interrupted && !(failure instanceof InterruptedException)) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return reply;
    }

    void close() {
        end.close();
    }
}
