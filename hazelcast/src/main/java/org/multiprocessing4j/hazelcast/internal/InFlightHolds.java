package org.multiprocessing4j.hazelcast.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipe ends a thread holds in flight while it serializes something: if what it serialized
 * is not sent after all (serializing failed, or a full queue refused it), they are given back, so
 * that no end of data waits for a receiver that will never come. Collections nest, each ended by
 * {@link #end}; a thread that collects nothing allocates nothing.
 * <pre>{@code
 * int mark = InFlightHolds.begin();
 * boolean sent = false;
 * try {
 *     sent = offer(encode(message));
 * } finally {
 *     InFlightHolds.end(mark, sent);
 * }
 * }</pre>
 * An end serialized twice in one collection (the library's serializer starts again with JDK
 * serialization when a value needs it, and a message may hold one end twice) is held under one
 * token, so that the copy that arrives takes over the only hold there is.
 *
 * <p>A thread may also read objects only for a look at them (a queue's snapshot): what it binds
 * then takes no hold over, which belongs to the receiver who will take the element.
 */
final class InFlightHolds {

    private static final ThreadLocal<InFlightHolds> OF_THREAD = ThreadLocal.withInitial(InFlightHolds::new);
    private static final ThreadLocal<Boolean> LOOKING = new ThreadLocal<>();

    /** One hold in flight: what it holds, its token, and how to give it back. */
    private record Held(String key, String token, Runnable giveBack) {
    }

    private final List<Held> held = new ArrayList<>();
    private int depth;

    private InFlightHolds() {
    }

    /** Starts a collection; returns the mark that ends it. */
    static int begin() {
        InFlightHolds holds = OF_THREAD.get();
        holds.depth++;
        return holds.held.size();
    }

    /** Ends the collection begun at {@code mark}: forgets what it holds if sent, gives it back if not. */
    static void end(int mark, boolean sent) {
        List<Runnable> collected = keep(mark);
        if (!sent) {
            collected.forEach(Runnable::run);
        }
    }

    /**
     * Ends the collection begun at {@code mark}, answering what gives its holds back: for bytes
     * whose receiver may never read them, such as a child's target, given back once it has ended.
     */
    static List<Runnable> keep(int mark) {
        InFlightHolds holds = OF_THREAD.get();
        List<Held> collected = holds.held.subList(mark, holds.held.size());
        List<Runnable> giveBacks = new ArrayList<>();
        collected.forEach(each -> giveBacks.add(each.giveBack));
        collected.clear();
        holds.depth--;
        return giveBacks;
    }

    /**
     * The token of the hold in flight on {@code key} that the thread's collections hold already,
     * or {@code null}.
     */
    static String heldToken(String key) {
        for (Held each : OF_THREAD.get().held) {
            if (each.key.equals(key)) {
                return each.token;
            }
        }
        return null;
    }

    /** Records a hold just taken in flight on {@code key}, and how to give it back, if the thread is collecting. */
    static void record(String key, String token, Runnable giveBack) {
        InFlightHolds holds = OF_THREAD.get();
        if (holds.depth > 0) {
            holds.held.add(new Held(key, token, giveBack));
        }
    }

    /** Marks the thread as binding objects for a look only, until {@link #stopLooking()}. */
    static void startLooking() {
        LOOKING.set(Boolean.TRUE);
    }

    static void stopLooking() {
        LOOKING.remove();
    }

    static boolean looking() {
        return LOOKING.get() != null;
    }
}
