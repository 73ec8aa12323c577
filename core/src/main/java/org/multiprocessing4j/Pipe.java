package org.multiprocessing4j;

import java.io.Serializable;

/**
 * Two connected ends: Python's {@code multiprocessing.Pipe()}. What one end sends, the other
 * receives, in order. A duplex pipe carries messages both ways; a one-way pipe
 * ({@code Multiprocessing.pipe(false)}) only from {@link #right()} to {@link #left()}, as Python's
 * {@code Pipe(duplex=False)} returns {@code (receiver, sender)}.
 *
 * <pre>{@code
 * Pipe pipe = Multiprocessing.pipe();
 * PipeEnd child = pipe.right();
 * Multiprocessing.process(() -> { child.send(List.of(42, "hello")); child.close(); }).start();
 * System.out.println(pipe.left().recv());   // [42, hello]
 * }</pre>
 *
 * @param left the first end; receive-only in a one-way pipe
 * @param right the second end; send-only in a one-way pipe
 * @see PipeEnd
 * @see ProcessContext#pipe(boolean)
 */
public record Pipe(PipeEnd left, PipeEnd right) implements Serializable {
}
