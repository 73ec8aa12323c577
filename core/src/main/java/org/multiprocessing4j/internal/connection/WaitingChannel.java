package org.multiprocessing4j.internal.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A socket channel in non-blocking mode, read and written as if it blocked: a read that finds
 * nothing tries again for {@value #SPIN_NANOS} ns, yielding the processor between tries, then
 * sleeps in a selector of its own until data comes, the deadline passes, the thread is interrupted
 * or the channel is closed.
 *
 * <p>Why non-blocking: a channel in blocking mode can be registered with no selector, so neither
 * {@code poll(timeout)} nor {@code Connections.waitAny} could wait on it, and an interrupt would
 * close it; in non-blocking mode an interrupt only ends a wait. Why the spin: in a request and its
 * answer, the answer usually comes within a few tens of microseconds, and a thread that sleeps in
 * {@code epoll_wait} costs the round trip a wake-up of about as long. Why yield rather than spin
 * in place: on a machine with more runnable threads than processors, the peer that is to answer
 * may be waiting for this one's processor; measured on two loaded cores, a round trip of a small
 * object took 8–9 µs with yields, 10 µs without any spin, and up to 110 µs spinning in place.
 *
 * <p>One thread reads at a time and one writes at a time (the callers hold locks for that);
 * {@link #close} may come from any thread, and ends their waits.
 */
final class WaitingChannel {

    private static final long SPIN_NANOS = 50_000;

    private final SocketChannel channel;
    // volatile, as closed: close() sees a selector made before, or its maker sees closed
    private volatile Selector readable;
    private volatile Selector writable;
    private volatile boolean closed;

    WaitingChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
    }

    SocketChannel channel() {
        return channel;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Reads what has come into {@code into}, waiting until something has, or until
     * {@code deadline}.
     *
     * @param into where to read, with room
     * @param deadline a {@link System#nanoTime()} after which to give up; {@link Long#MAX_VALUE}
     *     for none
     * @return the bytes read; {@code -1} at the end of data; 0 if the deadline passed first
     * @throws IOException if this side is closed, or reading fails
     * @throws InterruptedException if interrupted while waiting
     */
    int read(ByteBuffer into, long deadline) throws IOException, InterruptedException {
        int n = readOnce(into);
        for (long spinUntil = Math.min(deadline, System.nanoTime() + SPIN_NANOS); n == 0
                && System.nanoTime() - spinUntil < 0;) {
            Thread.yield();
            n = readOnce(into);
        }
        while (n == 0) {
            long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                return 0;
            }
            sleep(selector(SelectionKey.OP_READ), remaining);
            n = readOnce(into);
        }
        return n;
    }

    /**
     * Writes all of {@code buffers}, waiting while the socket's buffers are full.
     *
     * @param buffers the bytes
     * @throws IOException if this side is closed, or writing fails
     * @throws InterruptedException if interrupted while waiting; part of the bytes may be sent
     */
    void write(ByteBuffer... buffers) throws IOException, InterruptedException {
        if (closed) {
            throw closedError();
        }
        ByteBuffer last = buffers[buffers.length - 1];
        while (last.hasRemaining()) {
            long n = buffers.length == 1 ? channel.write(last) : channel.write(buffers);
            if (n == 0) {
                sleep(selector(SelectionKey.OP_WRITE), Long.MAX_VALUE);
            }
        }
    }

    /** Closes the channel and its selectors, which ends every wait. Idempotent. */
    void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closed all the same
        }
        closeQuietly(readable);
        closeQuietly(writable);
    }

    private int readOnce(ByteBuffer into) throws IOException {
        if (closed) {
            throw closedError();
        }
        return channel.read(into);
    }

    /** The selector that waits for {@code operation}, made at the first wait. */
    private Selector selector(int operation) throws IOException {
        boolean reading = operation == SelectionKey.OP_READ;
        Selector selector = reading ? readable : writable;
        if (selector != null) {
            return selector;
        }
        selector = Selector.open();
        if (reading) {
            readable = selector;
        } else {
            writable = selector;
        }
        try {
            if (closed) {
                // close() may have run before the field was set
                selector.close();
            }
            channel.register(selector, operation);
        } catch (ClosedSelectorException | ClosedChannelException e) {
            throw closedError();
        }
        return selector;
    }

    private void sleep(Selector selector, long nanos) throws IOException, InterruptedException {
        try {
            if (nanos == Long.MAX_VALUE) {
                selector.select();
            } else {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
            }
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw closedError();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (closed) {
            throw closedError();
        }
    }

    static IOException closedError() {
        return new IOException("this connection is closed");
    }

    private static void closeQuietly(Selector selector) {
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
