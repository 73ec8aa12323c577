package org.multiprocessing4j.benchmarks.serial;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One round trip (serialize into a reused buffer, then deserialize) per operation, for the values
 * queues and pipes carry in {@code benchmarks/compare}: the small list {@code ["u", i, "hello"]},
 * the same three fields as a record, and a 1 MiB byte array (its ops/s are MiB/s). Short runs: this
 * compares candidates on a 2-core machine, where ratios hold better than absolutes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializationBenchmark {

    /** The small message as an application would declare it. */
    public record Message(String kind, int index, String text) implements Serializable {
    }

    @Param({"standard", "jdk", "fory", "kryo"})
    public String candidate;

    private Codec codec;
    private final ByteBuffer[] buffer = {ByteBuffer.allocate(256)};
    private final List<Object> smallList = List.of("u", 12345, "hello");
    private final Message smallRecord = new Message("u", 12345, "hello");
    private final byte[] mebibyte = new byte[1 << 20];

    @Setup
    public void setUp() {
        codec = Codec.named(candidate);
    }

    @Benchmark
    public Object smallList() throws Exception {
        return Codec.roundTrip(codec, smallList, buffer);
    }

    @Benchmark
    public Object smallRecord() throws Exception {
        return Codec.roundTrip(codec, smallRecord, buffer);
    }

    @Benchmark
    public Object mebibyteArray() throws Exception {
        return Codec.roundTrip(codec, mebibyte, buffer);
    }
}
