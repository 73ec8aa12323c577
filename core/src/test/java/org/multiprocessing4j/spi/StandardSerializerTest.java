package org.multiprocessing4j.spi;

/** The {@link Serializer} contract for {@link Serializer#standard()}. */
class StandardSerializerTest extends SerializerContract {
    @Override
    Serializer serializer() {
        return Serializer.standard();
    }
}
