package org.multiprocessing4j;

import java.io.IOException;

/**
 * Thrown by {@link Listener#accept()} and {@link Client#connect} when the peer does not prove
 * that it holds the same authentication key, or refuses the proof of this side: Python's
 * {@code multiprocessing.AuthenticationError}. The connection is closed by then, and nothing it
 * carried was deserialized. A listener stays open and can accept the next connection.
 */
public class AuthenticationException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which side refused what
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
