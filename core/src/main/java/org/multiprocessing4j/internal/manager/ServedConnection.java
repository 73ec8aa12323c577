package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.io.InvalidClassException;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.internal.serial.ThrowableTransport;

/**
 * The server's side of one client thread's connection: a thread that reads a call, runs it and
 * answers, until the client closes the connection or its process dies. Then every lock the thread
 * holds for its client is released, and marked as left by a dead owner.
 */
final class ServedConnection implements Runnable {

    private final ManagerServer server;
    private final ServedObjects objects;
    private final long number;
    private final PipeEnd end;
    private final boolean network;
    private final long clientPid;
    private Thread thread;
    private long calls;
    private long running = -1;

    ServedConnection(ManagerServer server, ServedObjects objects, long number, PipeEnd end, boolean network,
            long clientPid) {
        this.server = server;
        this.objects = objects;
        this.number = number;
        this.end = end;
        this.network = network;
        this.clientPid = clientPid;
    }

    long number() {
        return number;
    }

    long clientPid() {
        return clientPid;
    }

    boolean isNetwork() {
        return network;
    }

    @Override
    public void run() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        try {
            while (serve()) {
                if (server.stopRequested()) {
                    server.stop();
                }
            }
        } finally {
            HeldLocks.abandonAllHeldByCurrentThread();
            end.close();
            server.ended(this);
        }
    }

    /** Serves one call; {@code false} when the connection has ended. */
    private boolean serve() {
        Object reply;
        try {
            ManagerWire.Call call = (ManagerWire.Call) end.recv();
            begin();
            try {
                reply = objects.invoke(call.object(), call.method(), call.args().toArray());
            } catch (Throwable failure) {
                reply = thrown(failure);
            } finally {
                finish();
            }
        } catch (InvalidClassException | ClassCastException refused) {
            // a peer's message of a class outside the allow list: refused, and the call answered
            begin();
            finish();
            reply = thrown(new IllegalArgumentException("the manager refused the call: " + refused.getMessage(),
                    refused));
        } catch (IOException | InterruptedException e) {
            return false;
        }
        try {
            try {
                ManagerWire.send(end, reply, network);
            } catch (UnserializableObjectException e) {
                ManagerWire.send(end, thrown(e), network);
            }
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static ManagerWire.Thrown thrown(Throwable failure) {
        return new ManagerWire.Thrown(ThrowableTransport.encode(failure));
    }

    private synchronized void begin() {
        running = ++calls;
    }

    private synchronized void finish() {
        running = -1;
        Thread.interrupted(); // an interrupt that came too late for the call is not the next call's
    }

    /** Interrupts the call numbered {@code call} if this connection is still running it. */
    synchronized void interrupt(long call) {
        if (running == call && thread != null) {
            thread.interrupt();
        }
    }

    /** Ends the connection from outside: its client is gone. */
    synchronized void abort() {
        if (thread != null) {
            thread.interrupt();
        }
        end.close();
    }
}
