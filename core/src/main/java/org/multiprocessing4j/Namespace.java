package org.multiprocessing4j;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Named attributes kept by a manager: Python's {@code multiprocessing.managers.Namespace}, where
 * {@code ns.x = 1} is {@code ns.set("x", 1)} and {@code ns.x} is {@code ns.get("x")}.
 *
 * <pre>{@code
 * Namespace settings = manager.namespace();
 * settings.set("rounds", 10);
 * Multiprocessing.process(() -> run(settings.get("rounds", Integer.class))).start();
 * }</pre>
 *
 * <h2>In a manager</h2>
 * <ul>
 *   <li>Each call runs in the manager's process and is atomic: a {@code set} is seen whole, or
 *       not at all, by every later call from any process.</li>
 *   <li>A value read is a copy. Changing a list read with {@link #get(String)} changes nothing in
 *       the manager; {@link #set} it again to store the change. The exception is a value that is
 *       itself a manager's proxy, which still names the object in the manager.</li>
 *   <li>Separate calls are not atomic together: {@code set(name, (Integer) get(name) + 1)} may
 *       lose an update made by another process between the two calls. Guard such a sequence with
 *       a lock.</li>
 * </ul>
 *
 * <p>Names are case-sensitive and may not be {@code null}: a {@code null} name throws
 * {@link NullPointerException}. Values may be {@code null}, as an attribute may be Python's
 * {@code None}: an attribute set to {@code null} is present, and {@link #has(String)} says so.
 */
public interface Namespace {

    /**
     * The value of attribute {@code name}.
     *
     * @param name the attribute
     * @return its value, {@code null} if it was set to {@code null}
     * @throws NoSuchElementException if there is no such attribute (Python's
     *     {@code AttributeError}); the message names it
     */
    Object get(String name);

    /**
     * The value of attribute {@code name}, as a {@code type}.
     *
     * @param name the attribute
     * @param type what the value is expected to be
     * @param <T> that type
     * @return its value, {@code null} if it was set to {@code null}
     * @throws NoSuchElementException if there is no such attribute
     * @throws ClassCastException if the value is not a {@code type}
     */
    <T> T get(String name, Class<T> type);

    /**
     * Sets attribute {@code name} to {@code value}, adding it if it is new; an attribute set
     * again keeps its place among the {@link #names()}.
     *
     * @param name the attribute
     * @param value its value; {@code null} is allowed
     */
    void set(String name, Object value);

    /**
     * Whether attribute {@code name} is present, even with the value {@code null}.
     *
     * @param name the attribute
     * @return {@code true} if it is present
     */
    boolean has(String name);

    /**
     * Removes attribute {@code name}: Python's {@code del ns.name}.
     *
     * @param name the attribute
     * @return the value it had
     * @throws NoSuchElementException if there is no such attribute
     */
    Object remove(String name);

    /**
     * The names of the attributes, in the order they were first set.
     *
     * @return a copy: later changes of the namespace do not show in it, nor its changes in the
     *     namespace
     */
    Set<String> names();

    /**
     * The attributes and their values, in the order they were first set, {@code null} values
     * included.
     *
     * @return a copy, as for {@link #names()}
     */
    Map<String, Object> toMap();
}
