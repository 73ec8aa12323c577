package org.multiprocessing4j.benchmarks.serial;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.multiprocessing4j.spi.Serializer;

/**
 * A serializer measured for the default, as a queue would use it: it writes into a heap
 * {@link ByteBuffer} the caller reuses, and reads back from it.
 */
interface Codec {

    /** The candidates' names, as {@link #named} takes them. */
    String[] NAMES = {"standard", "jdk", "fory", "kryo"};

    ByteBuffer write(Object value, ByteBuffer buffer);

    Object read(ByteBuffer buffer) throws Exception;

    /**
     * Builds a candidate; its first use in a JVM starts here. Each branch loads only its own
     * candidate's classes, so a fresh JVM measuring one pays for no other.
     *
     * @param name one of {@link #NAMES}
     * @return the candidate
     */
    static Codec named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "standard":
                return new LibraryCodec(Serializer.standard());
            case "jdk":
                return new LibraryCodec(Serializer.jdk());
            case "fory":
                return new ForyCodec();
            case "kryo":
                return new KryoCodec();
            default:
                throw new IllegalArgumentException("no candidate " + name);
        }
    }

    /**
     * Writes {@code value} into {@code buffer[0]} from the start and reads it back: one round trip.
     *
     * @param codec the candidate
     * @param value the value
     * @param buffer holds the buffer to reuse; left holding the larger one when it grew
     * @return the copy read back
     * @throws Exception if the candidate fails
     */
    static Object roundTrip(Codec codec, Object value, ByteBuffer[] buffer) throws Exception {
        ByteBuffer written = codec.write(value, buffer[0].clear());
        buffer[0] = written;
        return codec.read(written.flip());
    }

    /** The library's own serializers, through the SPI. */
    final class LibraryCodec implements Codec {
        private final Serializer serializer;

        LibraryCodec(Serializer serializer) {
            this.serializer = serializer;
        }

        @Override
        public ByteBuffer write(Object value, ByteBuffer buffer) {
            return serializer.serialize(value, buffer);
        }

        @Override
        public Object read(ByteBuffer buffer) throws Exception {
            return serializer.deserialize(buffer);
        }
    }
}
