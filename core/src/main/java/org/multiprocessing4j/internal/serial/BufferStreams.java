package org.multiprocessing4j.internal.serial;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.multiprocessing4j.spi.Serializer;

/**
 * Streams over the caller's {@link ByteBuffer}, so that JDK serialization writes into a queue's
 * buffer and reads from it without an intermediate array. Object streams keep their own block
 * buffer, so these see few, large calls.
 */
final class BufferStreams {

    private BufferStreams() {
    }

    /** Appends to a buffer, replacing it with a larger one when it is full. */
    static final class Output extends OutputStream {
        private ByteBuffer buffer;

        Output(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** The buffer written into: the caller's, or the larger one that replaced it. */
        ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public void write(int b) {
            buffer = Serializer.grow(buffer, 1);
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer = Serializer.grow(buffer, length);
            buffer.put(bytes, offset, length);
        }
    }

    /** Reads a buffer up to its limit, advancing its position. */
    static final class Input extends InputStream {
        private final ByteBuffer buffer;

        Input(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int count = Math.min(length, buffer.remaining());
            if (count == 0) {
                return -1;
            }
            buffer.get(bytes, offset, count);
            return count;
        }

        @Override
        public int available() {
            return buffer.remaining();
        }
    }
}
