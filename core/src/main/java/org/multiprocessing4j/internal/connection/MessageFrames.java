package org.multiprocessing4j.internal.connection;

import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;

/**
 * The header before each message of CPython's {@code multiprocessing.connection}: the length as a
 * 4-byte big-endian signed integer, or, for a message longer than {@value #LONGEST_SHORT} bytes
 * (CPython 3.8 and later), {@code -1} in those 4 bytes and the length in the 8 big-endian bytes
 * after them. A writer uses the long form only above that length, so a reader of CPython 3.7 or
 * older reads every message it could read before.
 */
final class MessageFrames {

    /** The longest message whose length fits the 4-byte header. */
    static final long LONGEST_SHORT = Integer.MAX_VALUE;
    /** The bytes of the short header. */
    static final int SHORT_HEADER = 4;
    /** The bytes that follow the short header's {@code -1} in the long form. */
    static final int LONG_LENGTH = 8;
    /** The longest message a Java array holds, so the longest one received. */
    static final int LONGEST_RECEIVED = Integer.MAX_VALUE - 8;

    private static final int LONG_MARK = -1;

    private MessageFrames() {
    }

    /**
     * The header's size for a message of {@code length} bytes.
     *
     * @param length the message's length
     * @return 4 or 12
     */
    static int headerSize(long length) {
        return length > LONGEST_SHORT ? SHORT_HEADER + LONG_LENGTH : SHORT_HEADER;
    }

    /**
     * Puts the header for a message of {@code length} bytes at the buffer's position.
     *
     * @param length the message's length, not negative
     * @param buffer a big-endian buffer with {@link #headerSize} bytes remaining
     * @return the buffer
     */
    static ByteBuffer putHeader(long length, ByteBuffer buffer) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length > LONGEST_SHORT) {
            return buffer.putInt(LONG_MARK).putLong(length);
        }
        return buffer.putInt((int) length);
    }

    /**
     * The length a short header states, or {@code -1} when the long form's 8 bytes follow.
     *
     * @param header the 4 bytes as a big-endian integer
     * @return the length, or {@code -1}
     * @throws StreamCorruptedException for another negative value
     */
    static long shortLength(int header) throws StreamCorruptedException {
        if (header < LONG_MARK) {
            throw new StreamCorruptedException("a message header of " + header + " bytes");
        }
        return header;
    }

    /**
     * The length the long form's 8 bytes state.
     *
     * @param length the 8 bytes as a big-endian integer, unsigned on the wire
     * @return the length
     * @throws StreamCorruptedException for a length of 2<sup>63</sup> or more
     */
    static long longLength(long length) throws StreamCorruptedException {
        if (length < 0) {
            throw new StreamCorruptedException("a message header of " + Long.toUnsignedString(length) + " bytes");
        }
        return length;
    }
}
