package org.multiprocessing4j;

import java.io.IOException;

/**
 * Thrown by a {@link PipeEnd}'s {@code send} when nothing sent would ever be received: every copy
 * of the other end was closed, or its process has exited (even killed, without closing it).
 * Python's {@code BrokenPipeError}. A sender waiting for room in a full pipe gets it as well, as
 * soon as the last close, or once the death is noticed (within about 100 ms on the local backend).
 *
 * <p>A message sent while there was room, after the last reader's process died and before this
 * process noticed, is lost with that process, as data written to a socket whose peer has just
 * died is.
 */
public class BrokenPipeException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened to the other end
     */
    public BrokenPipeException(String message) {
        super(message);
    }
}
