package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/**
 * Where a cluster pipe keeps what it holds, and what the cluster does once an end is gone.
 *
 * <p>Each end has a key, {@code pipe/L} or {@code pipe/R}: its {@link EndHolders} in the holders
 * map, and the queue of the messages sent to it. A message of up to {@value #WHOLE} bytes is one
 * element of that queue; a larger one is a descriptor there, and its parts, of {@value #PART}
 * bytes, are entries of the parts map that the sender writes at most {@value #WINDOW} ahead of the
 * receiver, which takes each away. So a message is taken by one receiver as a whole, however many
 * processes send and receive at once, and its sender waits for room as it would on a local pipe
 * of {@value #PART} times {@value #WINDOW} bytes.
 */
final class PipeLayout {

    static final String HOLDERS = "multiprocessing4j.pipe-holders";
    static final String PARTS = "multiprocessing4j.pipe-parts";
    static final String QUEUES = "multiprocessing4j.pipe.";
    /** Elements a pipe's queue holds before a send waits: at most 16 MiB of messages in one element each. */
    static final int QUEUE_BOUND = 1024;
    /** The largest message sent as one element of the queue. */
    static final int WHOLE = 16 * 1024;
    static final int PART = 64 * 1024;
    static final int WINDOW = 16;

    /** The first byte of a queue element: what it is. */
    static final byte MESSAGE = 0;
    static final byte LARGE = 1;
    static final byte END = 2;

    private PipeLayout() {
    }

    static String key(String pipe, boolean left) {
        return pipe + (left ? "/L" : "/R");
    }

    static String peer(String key) {
        return key.substring(0, key.length() - 1) + (key.endsWith("L") ? "R" : "L");
    }

    /** The queue of the messages sent to the end of {@code key}. */
    static String queue(String key) {
        return QUEUES + key;
    }

    static String part(UUID message, int index) {
        return message + "/" + index;
    }

    /**
     * What follows the going of the end of {@code key}, which {@code gone} describes: if it sent,
     * its peer finds the end of data behind what was sent; if it received, what was sent to it is
     * dropped, which frees a sender waiting for room to learn of the broken pipe; once both ends
     * are gone, their queues go too.
     */
    static void gone(HazelcastInstance cluster, String key, EndHolders gone) {
        String peer = peer(key);
        if (gone.writes()) {
            cluster.<byte[]>getQueue(queue(peer)).offer(new byte[] {END});
        }
        if (gone.reads()) {
            cluster.getQueue(queue(key)).clear();
        }
        if (!cluster.getMap(HOLDERS).containsKey(peer)) {
            cluster.getQueue(queue(key)).destroy();
            cluster.getQueue(queue(peer)).destroy();
        }
    }
}
