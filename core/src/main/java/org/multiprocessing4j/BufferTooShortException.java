package org.multiprocessing4j;

import java.io.IOException;

/**
 * Thrown by {@link PipeEnd#recvBytesInto} when the message does not fit in the buffer: Python's
 * {@code BufferTooShort}. The message was received; it is in the exception.
 */
public class BufferTooShortException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient byte[] message;

    /**
     * Creates the exception.
     *
     * @param message the whole message
     */
    public BufferTooShortException(byte[] message) {
        super("the buffer is too short for a message of " + message.length + " bytes");
        this.message = message;
    }

    /**
     * The message that did not fit.
     *
     * @return its bytes
     */
    public byte[] message() {
        return message;
    }
}
