/**
 * Child JVMs: their command line, their start, the conversation with each, the child's
 * {@code main}, and the session directory they share with their parent.
 *
 * <p>Thread safety: {@link org.multiprocessing4j.internal.launch.LocalRuntime} and every child
 * handle may be used from any thread. Process safety: each child talks only to its parent, over
 * its own socket; a session directory belongs to one process and is readable by its owner only.
 */
package org.multiprocessing4j.internal.launch;
