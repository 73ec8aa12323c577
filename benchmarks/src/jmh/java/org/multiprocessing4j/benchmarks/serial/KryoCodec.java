package org.multiprocessing4j.benchmarks.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.nio.ByteBuffer;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo set up to keep what the library's contract promises: shared objects and cycles preserved
 * (references), any class without registration, the JDK's immutable collections, and classes
 * without a no-argument constructor. A Kryo is not thread-safe, so there is one per thread, as a
 * queue's users would need.
 */
final class KryoCodec implements Codec {

    private final ThreadLocal<Kryo> kryos = ThreadLocal.withInitial(() -> {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        return kryo;
    });

    @Override
    public ByteBuffer write(Object value, ByteBuffer buffer) {
        Output out = new Output(buffer.array(), -1);
        out.setPosition(buffer.position());
        kryos.get().writeClassAndObject(out, value);
        // Kryo replaces its array when the value does not fit
        ByteBuffer result = out.getBuffer() == buffer.array() ? buffer : ByteBuffer.wrap(out.getBuffer());
        return result.position(out.position());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        Input in = new Input(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        Object value = kryos.get().readClassAndObject(in);
        buffer.position(buffer.limit());
        return value;
    }
}
