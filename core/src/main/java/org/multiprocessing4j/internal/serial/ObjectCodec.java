package org.multiprocessing4j.internal.serial;

import java.io.IOException;
import java.io.Serializable;

/**
 * How a pipe or queue turns objects into bytes and back. It crosses into other processes with the
 * pipe or queue, so that every process reads what the others wrote the same way.
 */
public interface ObjectCodec extends Serializable {

    /** JDK serialization, which every serializable class supports. */
    ObjectCodec JAVA = Java.INSTANCE;

    /**
     * The bytes of {@code value}.
     *
     * @param value the object graph
     * @param what what it is, for the error message
     * @return its bytes
     * @throws org.multiprocessing4j.UnserializableObjectException if a class in the graph cannot
     *     be serialized; it names the class
     */
    byte[] encode(Object value, String what);

    /**
     * The object {@link #encode} turned into {@code bytes}.
     *
     * @param bytes what {@code encode} returned, in any process
     * @return the object
     * @throws IOException if the bytes are corrupt or a class is missing
     */
    Object decode(byte[] bytes) throws IOException;

    /** {@link JavaSerialization} as a codec. */
    enum Java implements ObjectCodec {
        INSTANCE;

        @Override
        public byte[] encode(Object value, String what) {
            return JavaSerialization.serialize(value, what);
        }

        @Override
        public Object decode(byte[] bytes) throws IOException {
            try {
                return JavaSerialization.deserialize(bytes);
            } catch (ClassNotFoundException e) {
                throw new IOException("cannot read a message: " + e, e);
            }
        }
    }
}
