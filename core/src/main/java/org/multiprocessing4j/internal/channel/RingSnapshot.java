package org.multiprocessing4j.internal.channel;

import static org.multiprocessing4j.internal.channel.RingLayout.ABORT;
import static org.multiprocessing4j.internal.channel.RingLayout.FIRST;
import static org.multiprocessing4j.internal.channel.RingLayout.HEAD;
import static org.multiprocessing4j.internal.channel.RingLayout.LAST;
import static org.multiprocessing4j.internal.channel.RingLayout.RECORD_HEADER;
import static org.multiprocessing4j.internal.channel.RingLayout.TAIL;
import static org.multiprocessing4j.internal.channel.RingLayout.recordSize;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of a {@link MessageRing} at one moment, read without taking them: what a queue's
 * {@code peek}, {@code contains}, {@code toArray} and iteration show.
 *
 * <p>Implementation note. Nothing is locked, so neither writers nor readers wait for a look: the
 * committed bytes between {@code head} and {@code tail} are copied out, then {@code head} is read
 * again. Writers write only into the space readers have freed, so the bytes from that second
 * {@code head} on are ones no writer can have reused while they were copied; records are read from
 * there. The rest of a message that a reader is in the middle of taking is skipped, and so is a
 * message abandoned by a writer that died; reading stops at the first message not yet wholly
 * committed, so an element larger than what the ring holds at once (streamed in chunks) is never
 * in a snapshot.
 */
final class RingSnapshot {

    private RingSnapshot() {
    }

    /**
     * The whole messages in the ring, oldest first, at most {@code most} of them.
     *
     * @param ring the ring
     * @param most how many, at most
     * @return their bytes
     */
    static List<byte[]> messages(MessageRing ring, int most) {
        long head = ring.readSide.getLongVolatile(HEAD);
        long tail = ring.writeSide.getLongVolatile(TAIL);
        ByteBuffer records = ring.data.copy(head, (int) (tail - head));
        // the copy is read before head is looked at again
        VarHandle.acquireFence();
        long unread = ring.readSide.getLongVolatile(HEAD);
        List<byte[]> messages = new ArrayList<>();
        byte[] message = null;
        int filled = 0;
        for (long at = Math.max(head, unread); at < tail && messages.size() < most;) {
            int record = (int) (at - head);
            int length = records.getInt(record);
            int flags = records.getInt(record + 4);
            if ((flags & ABORT) != 0) {
                message = null;
            } else if ((flags & FIRST) != 0) {
                message = new byte[(int) records.getLong(record + 8)];
                filled = 0;
            }
            if (message != null && (flags & ABORT) == 0) {
                records.get(record + RECORD_HEADER, message, filled, length);
                filled += length;
                if ((flags & LAST) != 0) {
                    messages.add(message);
                    message = null;
                }
            }
            at += recordSize(length);
        }
        return messages;
    }
}
