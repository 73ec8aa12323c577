package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.MapExecuteOnKeyCodec;
import com.hazelcast.client.impl.protocol.codec.MapGetCodec;
import com.hazelcast.client.impl.protocol.codec.QueueOfferCodec;
import com.hazelcast.client.impl.protocol.codec.QueuePollCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.client.impl.spi.impl.ClientInvocationFuture;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.partition.strategy.StringPartitioningStrategy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The calls that go to the one partition of a queue or a map's key: the offers and polls of the
 * pipes' queues, and the entry processors with which locks, semaphores, events, barriers and
 * values change their entries. They are made so that an interrupt loses no answer and costs no
 * thread hop where that can be helped.
 *
 * <p>{@code IQueue} and {@code IMap} wait for an answer on the calling thread, and an interrupt seen
 * meanwhile fails the call there and drops its answer ({@code offer} then says {@code false},
 * whether the element went in or not; a parked {@code poll} takes an element for nobody; a lock's
 * take is carried out with nobody to learn of it). That is why {@link ClusterCalls#regardless}
 * makes such calls on a thread of its own, and a hop to that thread and back costs two wake-ups,
 * a good part of a call on a busy two-core machine. A client (every child, and a main process in
 * client mode) sends here the request {@code IQueue} or {@code IMap} would send, through the
 * client's invocation API, and waits on a detached future of its answer
 * ({@link ClusterCalls#detached}), which an interrupt of the waiter leaves alone. That API is
 * Hazelcast's internal one, of the version the build pins. An embedded member, whose calls are
 * often answered by itself, makes them on a thread of {@link ClusterCalls}.
 */
final class PartitionCalls {

    private final HazelcastInstance cluster;
    /** The client behind {@link #cluster}, or {@code null} on a member. */
    private final HazelcastClientInstanceImpl client;

    PartitionCalls(HazelcastInstance cluster) {
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

    /** Takes the head of {@code queue}, or {@code null} if it is empty, without regard to interrupts. */
    byte[] poll(String queue) {
        if (client == null) {
            return ClusterCalls.regardless(() -> cluster.<byte[]>getQueue(queue).poll());
        }
        return ClusterCalls.answered(() -> ClusterCalls.joined(poll(queue, 0)));
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

    /**
     * Runs {@code change} on the entry of {@code key} in {@code map}, on the member that owns it,
     * and waits for its answer without regard to interrupts, whose status stays as it was.
     *
     * @return what {@code change} answered
     */
    <K, V, R> R executeOnKey(String map, K key, EntryProcessor<K, V, R> change) {
        if (client == null) {
            return ClusterCalls.regardless(() -> cluster.<K, V>getMap(map).executeOnKey(key, change));
        }
        return ClusterCalls.answered(() -> {
            SerializationService serialization = client.getSerializationService();
            Data keyData = serialization.toData(key);
            ClientMessage request = MapExecuteOnKeyCodec.encodeRequest(map, serialization.toData(change), keyData,
                    Thread.currentThread().getId());
            return serialization.toObject(MapExecuteOnKeyCodec.decodeResponse(call(map, keyData, request)));
        });
    }

    /**
     * The value of {@code key} in {@code map}, or {@code null}, waited for without regard to
     * interrupts, whose status stays as it was.
     */
    <K, V> V get(String map, K key) {
        if (client == null) {
            return ClusterCalls.regardless(() -> cluster.<K, V>getMap(map).get(key));
        }
        return ClusterCalls.answered(() -> {
            SerializationService serialization = client.getSerializationService();
            Data keyData = serialization.toData(key);
            ClientMessage request = MapGetCodec.encodeRequest(map, keyData, Thread.currentThread().getId());
            return serialization.toObject(MapGetCodec.decodeResponse(call(map, keyData, request)));
        });
    }

    private ClientMessage call(String map, Data keyData, ClientMessage request) {
        int partition = client.getClientPartitionService().getPartitionId(keyData);
        return ClusterCalls.joined(ClusterCalls.detached(new ClientInvocation(client, request, map, partition).invoke()));
    }

    private ClientInvocationFuture invoke(String queue, ClientMessage request) {
        int partition = client.getClientPartitionService()
                .getPartitionId(StringPartitioningStrategy.getPartitionKey(queue));
        return new ClientInvocation(client, request, queue, partition).invoke();
    }
}
