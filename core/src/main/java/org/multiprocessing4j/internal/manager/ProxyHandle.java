package org.multiprocessing4j.internal.manager;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * What a manager's proxy's handler is when the proxy crosses into another process: its manager's
 * address, the served object's number and the interface it implements. It binds to the handler
 * again, calling through this process's connections to the manager, or straight to the object
 * in the server itself.
 */
final class ProxyHandle extends SharedHandle {

    private static final long serialVersionUID = 1L;

    final ManagerAddress address;
    final long object;
    final String type;

    ProxyHandle(ManagerAddress address, long object, String type) {
        this.address = address;
        this.object = object;
        this.type = type;
    }

    @Override
    protected Object bind() throws ObjectStreamException {
        CallTarget target = ManagerServer.targetFor(address.id);
        if (target == null) {
            target = ManagerLink.of(address);
        }
        try {
            return ProxyCall.handler(target, this, ServedObjects.load(type));
        } catch (ClassNotFoundException e) {
            InvalidObjectException failure = new InvalidObjectException("no interface " + type + " here");
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyHandle that && that.object == object && that.address.id.equals(address.id);
    }

    @Override
    public int hashCode() {
        return address.id.hashCode() * 31 + Long.hashCode(object);
    }
}
