package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.QueueOfferCodec;
import com.hazelcast.client.impl.protocol.codec.QueuePollCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.client.impl.spi.impl.ClientInvocationFuture;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.strategy.StringPartitioningStrategy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The offers and polls of the pipes' queues, made so that an interrupt loses no answer and costs
 * no thread hop where that can be helped.
 *
 * <p>{@code IQueue} waits for an answer on the calling thread, and an interrupt seen meanwhile
 * fails the call there and drops its answer ({@code offer} then says {@code false}, whether the
 * element went in or not; a parked {@code poll} takes an element for nobody). That is why
 * {@link ClusterCalls#regardless} makes such calls on a thread of its own, and a hop to that
 * thread and back costs two wake-ups, a good part of a pipe's round trip on a busy two-core
 * machine. A client (every child, and a main process in client mode) sends here the request
 * {@code IQueue} would send, through the client's invocation API, and waits on a detached future
 * of its answer ({@link ClusterCalls#detached}), which an interrupt of the waiter leaves alone.
 * That API is Hazelcast's internal one, of the version the build pins. An embedded member, whose
 * calls are often answered by itself, makes them on a thread of {@link ClusterCalls}.
 */
final class QueueCalls {

    private final HazelcastInstance cluster;
    /** The client behind {@link #cluster}, or {@code null} on a member. */
    private final HazelcastClientInstanceImpl client;

    QueueCalls(HazelcastInstance cluster) {
        this.cluster = cluster;
        this.client = cluster instanceof HazelcastClientProxy proxy ? proxy.client : null;
    }

    /**
     * Takes the head of {@code queue}, waiting up to {@code millis} on its member for one to come.
     *
     * @return the answer to come: the element, or {@code null} if none came in time
     */
    CompletableFuture<byte[]> poll(String queue, long millis) {
        if (client == null) {
            return ClusterCalls.started(() -> cluster.<byte[]>getQueue(queue).poll(millis, TimeUnit.MILLISECONDS));
        }
        return ClusterCalls.detached(invoke(queue, QueuePollCodec.encodeRequest(queue, millis))).thenApply(
                answer -> client.getSerializationService().toObject(QueuePollCodec.decodeResponse(answer)));
    }

    /**
     * Offers {@code element} to {@code queue} without waiting for room, and waits for the answer
     * without regard to interrupts, whose status stays as it was.
     *
     * @return whether the element went in
     */
    boolean offer(String queue, byte[] element) {
        if (client == null) {
            return ClusterCalls.regardless(() -> cluster.<byte[]>getQueue(queue).offer(element));
        }
        return ClusterCalls.answered(() -> {
            ClientMessage request = QueueOfferCodec.encodeRequest(queue,
                    client.getSerializationService().toData(element), 0);
            return QueueOfferCodec.decodeResponse(ClusterCalls.joined(ClusterCalls.detached(invoke(queue, request))));
        });
    }

    private ClientInvocationFuture invoke(String queue, ClientMessage request) {
        int partition = client.getClientPartitionService()
                .getPartitionId(StringPartitioningStrategy.getPartitionKey(queue));
        return new ClientInvocation(client, request, queue, partition).invoke();
    }
}
