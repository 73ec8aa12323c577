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
 * committed bytes from {@code head} up to the end of the first {@code most} messages are copied out,
 * then {@code head} is read again. Writers write only into the space readers have freed, so the
 * bytes from that second {@code head} on are ones no writer can have reused while they were
 * copied; records are read from there. Where the copy ends is found by walking the record headers
 * in place first: a header a reader freed meanwhile may hold anything, so the walk stops at one
 * that does not fit, and the copy then shows fewer messages, as a weakly consistent view may. The
 * rest of a message that a reader is in the middle of taking is skipped, and so is a message
 * abandoned by a writer that died; reading stops at the first message not wholly in the copy, so
 * an element larger than what the ring holds at once (streamed in chunks) is never in a snapshot,
 * and nothing is allocated for it.
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
        long end = endOfMessages(ring, head, tail, most);
        ByteBuffer records = ring.data.copy(head, (int) (end - head));
        // the copy is read before head is looked at again
        VarHandle.acquireFence();
        long unread = ring.readSide.getLongVolatile(HEAD);
        List<byte[]> messages = new ArrayList<>();
        byte[] message = null;
        int filled = 0;
        for (long at = Math.max(head, unread); at < end && messages.size() < most;) {
            int record = (int) (at - head);
            int length = records.getInt(record);
            int flags = records.getInt(record + 4);
            if ((flags & ABORT) != 0) {
                message = null;
            } else if ((flags & FIRST) != 0) {
                long whole = records.getLong(record + 8);
                if (whole > end - at) {
                    break;
                }
                message = new byte[(int) whole];
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

    /** Where the records of the first {@code most} messages from {@code head} end, walking their headers in place. */
    private static long endOfMessages(MessageRing ring, long head, long tail, int most) {
        long at = head;
        for (int found = 0; at < tail && found < most;) {
            int length = ring.data.getInt(at);
            if (length < 0 || recordSize(length) > tail - at) {
                break;
            }
            if ((ring.data.getInt(at + 4) & LAST) != 0) {
                found++;
            }
            at += recordSize(length);
        }
        return at;
    }
}
