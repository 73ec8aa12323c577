package org.multiprocessing4j.hazelcast.internal;

import java.io.File;
import java.io.Serializable;
import java.lang.ProcessBuilder.Redirect;

/** A child's output destination as it travels to the member that starts the child. */
record Redirection(Redirect.Type type, String file) implements Serializable {

    static final Redirection INHERIT = new Redirection(Redirect.Type.INHERIT, null);

    static Redirection of(Redirect destination) {
        switch (destination.type()) {
            case INHERIT:
                return INHERIT;
            case WRITE:
            case APPEND:
                return new Redirection(destination.type(),
                        destination.file() == null ? null : destination.file().getPath());
            default:
                throw new IllegalArgumentException("not an output destination for a child: " + destination);
        }
    }

    Redirect redirect() {
        if (type == Redirect.Type.INHERIT) {
            return Redirect.INHERIT;
        }
        // DISCARD is a write to the null device, which has no File of its own on every system
        if (file == null || file.equals(Redirect.DISCARD.file().getPath())) {
            return Redirect.DISCARD;
        }
        return type == Redirect.Type.APPEND ? Redirect.appendTo(new File(file)) : Redirect.to(new File(file));
    }
}
