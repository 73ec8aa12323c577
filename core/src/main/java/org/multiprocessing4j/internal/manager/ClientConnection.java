package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.multiprocessing4j.ManagerUnavailableException;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.spi.Serializer;

/**
 * One thread's connection to a manager's server: a pipe of this machine's shared memory, or a
 * socket. It carries one call at a time, and its server thread stands for the thread that owns it.
 *
 * <p>Waiting for an answer, it looks every {@value #SLICE_MILLIS} ms whether the server is still
 * alive, so that a server killed mid-call fails the call within that time instead of hanging.
 *
 * <p>Interrupts reach the server as they would reach a method here: a caller interrupted before it
 * calls sends the call marked so, and the server's thread runs it interrupted; one interrupted while
 * it waits asks the server, over another connection, to interrupt the call there, and waits on for
 * the answer. Either way the call ends the way it ends in the server, so the connection stays in
 * step and nothing the server did is lost; the caller's interrupt status is kept unless the call
 * threw {@link InterruptedException}. Calls are numbered as they are sent, the same way on both
 * sides, so that an interrupt names the call it is for.
 */
final class ClientConnection {

    private static final int SLICE_MILLIS = 200;
    private static final Duration SLICE = Duration.ofMillis(SLICE_MILLIS);

    private final ManagerLink link;
    private final long number;
    private final PipeEnd end;
    private final boolean network;
    private final Serializer reader;
    private final WeakReference<Thread> owner;
    private long calls;

    ClientConnection(ManagerLink link, long number, PipeEnd end, boolean network, Serializer reader, Thread owner) {
        this.link = link;
        this.number = number;
        this.end = end;
        this.network = network;
        this.reader = reader;
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
     *     otherwise it is only kept for the caller
     * @return the result, or {@link ManagerWire.Exported}
     * @throws Throwable what the method threw, or {@link ManagerUnavailableException}
     */
    Object call(long object, int method, Object[] args, boolean interruptible) throws Throwable {
        boolean interrupted = Thread.interrupted();
        List<Object> arguments = args.length == 0 ? List.of() : Arrays.asList(args);
        boolean asked = interrupted && interruptible;
        ManagerWire.Call message = new ManagerWire.Call(object, method, arguments, asked);
        try {
            interrupted |= send(message);
            long call = ++calls;
            Object reply;
            while (true) {
                try {
                    if (end.poll(SLICE)) {
                        reply = ManagerWire.receive(end, reader);
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (interruptible && !asked) {
                        asked = true;
                        askToInterrupt(call);
                    }
                    continue;
                } catch (IOException e) {
                    throw link.lost(this, e);
                } catch (ManagerWire.Unreadable e) {
                    throw new IllegalStateException("this process cannot read the manager's answer: "
                            + e.getMessage(), e.getCause());
                }
                link.checkAlive(this);
            }
            if (reply instanceof ManagerWire.Thrown thrown) {
                Throwable failure = ThrowableTransport.decode(thrown.failure(), !network);
                if (failure instanceof InterruptedException) {
                    interrupted = false;
                }
                throw failure;
            }
            return reply;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sends a call whole, or not at all. A pipe's end refuses an interrupted send before it writes
     * anything, and is tried again; a socket's closes itself, and the connection is lost.
     *
     * @return whether the caller was interrupted meanwhile
     */
    private boolean send(ManagerWire.Call message) throws IOException {
        boolean interrupted = false;
        while (true) {
            try {
                ManagerWire.send(end, message, network);
                return interrupted;
            } catch (IOException e) {
                throw link.lost(this, e);
            } catch (InterruptedException e) {
                interrupted = true;
                if (network) {
                    throw link.lost(this, e);
                }
            }
        }
    }

    private void askToInterrupt(long call) {
        try {
            link.interrupt(number, call);
        } catch (Throwable e) {
            // the answer may still come on this connection, where nothing would read it
            throw link.lost(this, e instanceof Exception exception ? exception : new IllegalStateException(e));
        }
    }

    void close() {
        end.close();
    }
}
