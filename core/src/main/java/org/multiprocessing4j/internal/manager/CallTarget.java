package org.multiprocessing4j.internal.manager;

/**
 * Where a proxy's calls go: a connection to the server, or, for a proxy that the server itself
 * holds (one stored in a served map), the served object directly.
 */
interface CallTarget {

    /** The method number that stands for {@code toString()}, which no interface table lists. */
    int TO_STRING = -1;

    /**
     * Calls a method of a served object.
     *
     * @param object the object's number
     * @param method the method's index in its interface's {@link MethodTable}, or {@link #TO_STRING}
     * @param args the arguments
     * @return the result, a proxy where the server exported it
     * @throws Throwable what the method threw, or {@link org.multiprocessing4j.ManagerUnavailableException}
     */
    Object call(long object, int method, Object[] args) throws Throwable;
}
