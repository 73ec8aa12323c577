package org.multiprocessing4j.hazelcast.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The waiters of a cluster condition, as its map entry keeps them: those waiting for a signal in
 * the order they came, those signalled who have not yet taken their signal, and the spare
 * signals that were sent to waiters who died and go to whoever waits next.
 *
 * <p>A waiter whose process leaves the cluster stays in the line, marked dead, as a local
 * condition's dead waiter stays counted: a signal that reaches it is not lost but becomes spare,
 * taken by the first live waiter, or else by the next to come (a spurious wake-up). A signal sent
 * to a waiter that then died, before it took it, becomes spare too.
 *
 * @param waiting the waiters not yet signalled, oldest first
 * @param signalled the waiters signalled who have not taken their signal yet
 * @param spare the signals nobody has taken
 */
record ConditionWaiters(List<Waiter> waiting, List<Waiter> signalled, int spare) implements Serializable {

    static final ConditionWaiters NONE = new ConditionWaiters(List.of(), List.of(), 0);

    /** One waiter: its ticket, the endpoint of its process, and whether that process has left. */
    record Waiter(String ticket, String endpoint, boolean dead) implements Serializable {
    }

    ConditionWaiters {
        waiting = List.copyOf(waiting);
        signalled = List.copyOf(signalled);
    }

    boolean isEmpty() {
        return waiting.isEmpty() && signalled.isEmpty() && spare == 0;
    }

    boolean isSignalled(String ticket) {
        return signalled.stream().anyMatch(waiter -> waiter.ticket.equals(ticket));
    }

    /** A new waiter at the end of the line, given a spare signal at once if there is one. */
    ConditionWaiters enqueue(String ticket, String endpoint) {
        List<Waiter> line = new ArrayList<>(waiting);
        line.add(new Waiter(ticket, endpoint, false));
        return new ConditionWaiters(line, signalled, spare).handOutSpares();
    }

    /** One signal to the oldest waiter, or to every waiter; a dead one's becomes spare. */
    ConditionWaiters signal(boolean all) {
        List<Waiter> line = new ArrayList<>(waiting);
        List<Waiter> woken = new ArrayList<>(signalled);
        int spares = spare;
        while (!line.isEmpty()) {
            Waiter first = line.remove(0);
            if (!first.dead) {
                woken.add(first);
            } else if (!all) {
                spares++;
            }
            if (!all) {
                break;
            }
        }
        return new ConditionWaiters(line, woken, spares).handOutSpares();
    }

    /** Without the waiter of {@code ticket}, who has stopped waiting: signalled or not. */
    ConditionWaiters leave(String ticket) {
        List<Waiter> line = new ArrayList<>(waiting);
        List<Waiter> woken = new ArrayList<>(signalled);
        line.removeIf(waiter -> waiter.ticket.equals(ticket));
        woken.removeIf(waiter -> waiter.ticket.equals(ticket));
        return new ConditionWaiters(line, woken, spare);
    }

    /** The waiters of {@code endpoint}, which has left the cluster, marked dead; their signals spare. */
    ConditionWaiters abandon(String endpoint) {
        List<Waiter> line = new ArrayList<>();
        for (Waiter waiter : waiting) {
            line.add(waiter.endpoint.equals(endpoint) ? new Waiter(waiter.ticket, endpoint, true) : waiter);
        }
        List<Waiter> woken = new ArrayList<>(signalled);
        int before = woken.size();
        woken.removeIf(waiter -> waiter.endpoint.equals(endpoint));
        return new ConditionWaiters(line, woken, spare + before - woken.size()).handOutSpares();
    }

    /** The waiters not yet signalled, dead ones included. */
    int numberWaiting() {
        return waiting.size();
    }

    private ConditionWaiters handOutSpares() {
        if (spare == 0) {
            return this;
        }
        List<Waiter> line = new ArrayList<>(waiting);
        List<Waiter> woken = new ArrayList<>(signalled);
        int spares = spare;
        for (int i = 0; i < line.size() && spares > 0; ) {
            if (line.get(i).dead) {
                i++;
            } else {
                woken.add(line.remove(i));
                spares--;
            }
        }
        return new ConditionWaiters(line, woken, spares);
    }
}
