package org.multiprocessing4j.spi;

/** The {@link Serializer} contract for {@link Serializer#jdk()}. */
class JdkSerializerTest extends SerializerContract {
    @Override
    Serializer serializer() {
        return Serializer.jdk();
    }
}
