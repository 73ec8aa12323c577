package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.IMap;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.BrokenPipeException;

/**
 * How a pipe message larger than one queue element travels (see {@link PipeLayout}): a descriptor
 * in the receiving end's queue (the message's id, length and parts, and the sending process), then
 * the parts in the parts map, at most {@value PipeLayout#WINDOW} ahead of the receiver, which takes
 * each away. Once begun, a message is sent and received to its end without regard to interrupts,
 * since the other side would wait for a part that never comes; only the other side's going stops
 * it: the receiving end gone for the sender, the sending end or the sending process gone for the
 * receiver (an end may outlive a process that held it, as a pool's parent holds its workers' ends).
 */
final class PipeParts {

    private static final long LOOK_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ClusterRuntime runtime;
    private final String peer;
    private UUID message;
    private int count;

    /** The parts protocol of the end of {@code key}. */
    PipeParts(ClusterRuntime runtime, String key) {
        this.runtime = runtime;
        this.peer = PipeLayout.peer(key);
    }

    private IMap<String, byte[]> parts() {
        return runtime.instance().getMap(PipeLayout.PARTS);
    }

    /** The descriptor of a new message of {@code length} bytes, sent by this process. */
    byte[] descriptor(int length) {
        message = UUID.randomUUID();
        count = (length + PipeLayout.PART - 1) / PipeLayout.PART;
        byte[] sender = ProcessPlace.current().id().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(25 + sender.length).put(PipeLayout.LARGE).putLong(message.getMostSignificantBits())
                .putLong(message.getLeastSignificantBits()).putInt(length).putInt(count).put(sender).array();
    }

    /** Sends the parts of the message whose {@linkplain #descriptor descriptor} was sent. */
    void send(byte[] bytes, int offset, int length) throws BrokenPipeException {
        boolean interrupted = false;
        try {
            for (int i = 0; i < count; i++) {
                if (i >= PipeLayout.WINDOW) {
                    interrupted |= awaitRoom(PipeLayout.part(message, i - PipeLayout.WINDOW));
                }
                int from = offset + i * PipeLayout.PART;
                String part = PipeLayout.part(message, i);
                byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(offset + length, from + PipeLayout.PART));
                ClusterCalls.regardless(() -> {
                    parts().set(part, piece);
                    return null;
                });
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the receiver has taken {@code part}; answers whether interrupted meanwhile. */
    private boolean awaitRoom(String part) throws BrokenPipeException {
        boolean interrupted = ClusterCalls.uninterruptibly(() -> runtime.watch(PipeLayout.PARTS).await(part,
                () -> !ClusterCalls.regardless(() -> parts().containsKey(part)) || runtime.endWatch().gone(peer),
                Long.MAX_VALUE));
        if (runtime.endWatch().gone(peer)) {
            throw ClusterPipeEnd.brokenPipe(" while this end waited to send");
        }
        return interrupted;
    }

    /** Receives the parts of the message that {@code descriptor}, after its first byte, describes. */
    byte[] receive(ByteBuffer descriptor) throws EOFException {
        message = new UUID(descriptor.getLong(), descriptor.getLong());
        byte[] whole = new byte[descriptor.getInt()];
        count = descriptor.getInt();
        String sender = StandardCharsets.UTF_8.decode(descriptor).toString();
        long[] lookedAtSender = {System.nanoTime()};
        boolean interrupted = false;
        try {
            for (int i = 0; i < count; i++) {
                String part = PipeLayout.part(message, i);
                byte[][] taken = new byte[1][];
                interrupted |= ClusterCalls.uninterruptibly(() -> runtime.watch(PipeLayout.PARTS).await(part,
                        () -> (taken[0] = ClusterCalls.regardless(() -> parts().remove(part))) != null
                                || runtime.endWatch().gone(peer) || died(sender, lookedAtSender),
                        Long.MAX_VALUE));
                if (taken[0] == null) {
                    throw new EOFException("the process that sent a message of " + whole.length
                            + " bytes closed the pipe or exited before it had sent all of it");
                }
                System.arraycopy(taken[0], 0, whole, i * PipeLayout.PART, taken[0].length);
            }
            return whole;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the process {@code sender} has left the cluster; asks at most every second. */
    private boolean died(String sender, long[] lookedAt) {
        long now = System.nanoTime();
        if (now - lookedAt[0] < LOOK_AGAIN_NANOS) {
            return false;
        }
        lookedAt[0] = now;
        return !ClusterCalls.regardless(() -> runtime.isLive(sender));
    }
}
