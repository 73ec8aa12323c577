package org.multiprocessing4j.internal.pool;

/**
 * A function serialized once, with the id under which workers keep it (see
 * {@link FunctionCache}): calls that pass the same stateless lambda share one id, so workers
 * deserialize it once, not once per call.
 *
 * @param id the id workers know it by
 * @param bytes its serialized form
 */
record EncodedFunction(long id, byte[] bytes) {
}
