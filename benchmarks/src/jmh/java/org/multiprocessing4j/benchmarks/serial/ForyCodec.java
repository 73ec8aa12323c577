package org.multiprocessing4j.benchmarks.serial;

import java.nio.ByteBuffer;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Apache Fory set up to keep what the library's contract promises: shared objects and cycles
 * preserved (reference tracking), any class without registration.
 */
final class ForyCodec implements Codec {

    private final ThreadSafeFory fory = Fory.builder().withLanguage(Language.JAVA).requireClassRegistration(false)
            .suppressClassRegistrationWarnings(true).withRefTracking(true).buildThreadSafeFory();

    @Override
    public ByteBuffer write(Object value, ByteBuffer buffer) {
        MemoryBuffer out = MemoryBuffer.fromByteArray(buffer.array(), 0, buffer.capacity());
        out.writerIndex(buffer.position());
        fory.serialize(out, value);
        // Fory replaces its array when the value does not fit
        byte[] memory = out.getHeapMemory();
        ByteBuffer result = memory == buffer.array() ? buffer : ByteBuffer.wrap(memory);
        return result.position(out.writerIndex());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        Object value = fory.deserialize(MemoryBuffer.fromByteArray(buffer.array(),
                buffer.arrayOffset() + buffer.position(), buffer.remaining()));
        buffer.position(buffer.limit());
        return value;
    }
}
