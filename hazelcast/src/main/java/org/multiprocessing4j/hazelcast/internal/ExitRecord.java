package org.multiprocessing4j.hazelcast.internal;

import java.io.Serializable;

/**
 * How a child ended, as its member files it for the parent: the exit code, and the target's
 * exception serialized by the library's serializer (or {@code null}), so that the cluster never
 * needs the exception's class.
 */
record ExitRecord(int code, byte[] exception) implements Serializable {
}
