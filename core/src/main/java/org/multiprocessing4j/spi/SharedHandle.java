package org.multiprocessing4j.spi;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What a shared object (a queue, a pipe end, a lock, a context...) becomes when it is serialized
 * to cross into another process, and how it is bound again there.
 *
 * <p>A backend's shared objects are {@link Serializable} and replace themselves with a handle in
 * {@code writeReplace}: a small object that names the resource (the local backend: a shared-memory
 * file and an offset; a cluster: the object's name) and carries what the receiving process needs to
 * use it (its serializer, a barrier's action). Deserialized, the handle {@linkplain #bind() binds}
 * itself: the object it names, attached to the same resource, in the receiving process's instance
 * of the backend. Binding should cost no more than attaching to the resource does: a local handle
 * maps a file, with no round trip to the process that created it.
 *
 * <p>The shared object itself is never deserialized: its {@code readObject} throws
 * {@link java.io.InvalidObjectException}, so that a crafted stream cannot build one around forged
 * state. Any serializer that honours JDK serialization's {@code writeReplace} and
 * {@code readResolve} carries shared objects; the built-in ones do.
 */
public abstract class SharedHandle implements Serializable {

    private static final long serialVersionUID = 1L;

    /** For subclasses. */
    protected SharedHandle() {
    }

    /**
     * The object this handle names, bound in the process that deserialized the handle.
     *
     * @return the shared object
     * @throws ObjectStreamException if the resource is gone or is not what the handle says
     */
    protected abstract Object bind() throws ObjectStreamException;

    /**
     * Binds the handle as it is deserialized.
     *
     * @return what {@link #bind()} returns
     * @throws ObjectStreamException as {@link #bind()}
     */
    protected final Object readResolve() throws ObjectStreamException {
        return bind();
    }
}
