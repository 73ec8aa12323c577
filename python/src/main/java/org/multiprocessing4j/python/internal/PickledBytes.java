package org.multiprocessing4j.python.internal;

/**
 * A {@code byte[]} on its way into a pickle, written as Python's {@code bytes}.
 *
 * @param bytes the bytes, not copied
 */
record PickledBytes(byte[] bytes) {
}
