package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.spi.Serializer;

/**
 * The server's side of one client thread's connection: a thread that reads a call, runs it and
 * answers, until the client closes the connection or its process dies. Then every lock the thread
 * holds for its client is released, and marked as left by a dead owner.
 *
 * <p>Every message read whole is answered, even one that cannot be deserialized, so that the two
 * sides number their calls alike: an interrupt names a call by its number, and one that arrives
 * before its call has begun is kept for it.
 */
final class ServedConnection implements Runnable {

    private static final ThreadLocal<ServedConnection> SERVING = new ThreadLocal<>();

    private final ManagerServer server;
    private final ServedObjects objects;
    private final long number;
    private final PipeEnd end;
    private final boolean network;
    private final Serializer reader;
    private final long clientPid;
    private Thread thread;
    private long calls;
    private long running = -1;
    private long pendingInterrupt = -1;
    private volatile boolean abandoned;

    ServedConnection(ManagerServer server, ServedObjects objects, long number, PipeEnd end, boolean network,
            Serializer reader, long clientPid) {
        this.server = server;
        this.objects = objects;
        this.number = number;
        this.end = end;
        this.network = network;
        this.reader = reader;
        this.clientPid = clientPid;
    }

    /**
     * Whether the current thread serves a client that is gone: a wait that ignores interrupts
     * gives up then, since nobody will get its result.
     *
     * @return whether the current thread's client is gone
     */
    static boolean clientGone() {
        ServedConnection connection = SERVING.get();
        return connection != null && connection.abandoned;
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
        SERVING.set(this);
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
            Object message = ManagerWire.receive(end, reader);
            if (!(message instanceof ManagerWire.Call call)) {
                throw new ManagerWire.Unreadable(new ClassCastException("not a call: " + message));
            }
            begin(call.interrupted());
            try {
                reply = objects.invoke(call.object(), call.method(), call.args().toArray());
            } catch (Throwable failure) {
                reply = thrown(failure);
            } finally {
                finish();
            }
        } catch (ManagerWire.Unreadable refused) {
            begin(false);
            finish();
            reply = thrown(new IllegalArgumentException("the manager cannot read the call: " + refused.getMessage(),
                    refused.getCause()));
        } catch (IOException | InterruptedException e) {
            return false;
        }
        try {
            try {
                ManagerWire.send(end, reply, network);
            } catch (RuntimeException e) {
                // the answer cannot be serialized: nothing of it was written
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

    private synchronized void begin(boolean interrupted) {
        running = ++calls;
        if (interrupted || pendingInterrupt == running) {
            thread.interrupt();
        }
    }

    private synchronized void finish() {
        running = -1;
        Thread.interrupted(); // an interrupt that came too late for the call is not the next call's
    }

    /** Interrupts the call numbered {@code call}, now if it runs, or as soon as it begins. */
    synchronized void interrupt(long call) {
        if (running == call) {
            thread.interrupt();
        } else if (call > calls) {
            pendingInterrupt = call;
        }
    }

    /** Ends the connection from outside: its client is gone. */
    void abort() {
        abandoned = true;
        synchronized (this) {
            if (thread != null) {
                thread.interrupt();
            }
        }
        end.close();
    }
}
