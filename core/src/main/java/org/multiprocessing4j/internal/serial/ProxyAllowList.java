package org.multiprocessing4j.internal.serial;

import java.util.function.Predicate;

/**
 * An allow list that says apart which interfaces a {@link java.lang.reflect.Proxy} in a stream may
 * implement. A proxy runs only the code of its invocation handler, whose class the allow list
 * checks as any other, so the interfaces it implements can be allowed more widely than classes:
 * an interface named as a class could bring in its serializable lambdas.
 */
public interface ProxyAllowList extends Predicate<String> {

    /**
     * Whether a proxy in the stream may implement this interface.
     *
     * @param interfaceName the interface's binary name
     * @return whether it is allowed
     */
    boolean allowsProxyOf(String interfaceName);
}
