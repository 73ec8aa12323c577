package org.multiprocessing4j.python.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.multiprocessing4j.spi.Serializer;

/**
 * Pickles as a {@link Serializer}: plain values only, or, for the replies of a CPython manager's
 * server, plain values and the exceptions {@link RaisedInPython} reads.
 */
public final class PickleWire implements Serializer {

    /** Plain values, as {@code PickleSerializer} documents. */
    public static final PickleWire PLAIN = new PickleWire(false);
    /** Plain values and the exceptions a manager's server sends back. */
    public static final PickleWire REPLIES = new PickleWire(true);

    private final boolean readsRaised;

    private PickleWire(boolean readsRaised) {
        this.readsRaised = readsRaised;
    }

    @Override
    public ByteBuffer serialize(Object value, ByteBuffer buffer) {
        byte[] pickle = Pickles.write(value, "value");
        return Serializer.grow(buffer, pickle.length).put(pickle);
    }

    @Override
    public Object deserialize(ByteBuffer buffer) throws IOException {
        byte[] pickle = new byte[buffer.remaining()];
        buffer.get(pickle);
        return Pickles.read(new ByteArrayInputStream(pickle), readsRaised);
    }

    @Override
    public Serializer withClassFilter(Predicate<String> allowed) {
        return this;
    }
}
