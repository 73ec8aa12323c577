package org.multiprocessing4j.python;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.multiprocessing4j.python.internal.PickleWire;
import org.multiprocessing4j.spi.Serializer;

/**
 * Python's pickle format, for objects exchanged with CPython: give it to a {@code Listener} or a
 * {@code Client} and a CPython {@code multiprocessing.connection} peer's {@code send} and
 * {@code recv} work with this side's.
 *
 * <pre>{@code
 * try (SocketConnection conn = Client.builder(address).authKey(key)
 *         .serializer(PickleSerializer.instance()).connect()) {
 *     conn.send(Map.of("task", "resize", "sizes", List.of(64, 128)));
 *     Object[] reply = (Object[]) conn.recv();    // a tuple from Python
 * }
 * }</pre>
 *
 * <h2>Types</h2>
 * <table>
 *   <caption>Python's values and Java's</caption>
 *   <tr><th>Python</th><th>read as</th><th>written from</th></tr>
 *   <tr><td>{@code None}</td><td>{@code null}</td><td>{@code null}</td></tr>
 *   <tr><td>{@code bool}</td><td>{@code Boolean}</td><td>{@code Boolean}</td></tr>
 *   <tr><td>{@code int}</td><td>{@code Integer}, {@code Long} or {@code BigInteger}, the smallest
 *       that holds it</td><td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long},
 *       {@code BigInteger}</td></tr>
 *   <tr><td>{@code float}</td><td>{@code Double}</td><td>{@code Double}, {@code Float}</td></tr>
 *   <tr><td>{@code str}</td><td>{@code String}</td><td>{@code String}, {@code Character}</td></tr>
 *   <tr><td>{@code bytes}, {@code bytearray}</td><td>{@code byte[]}</td><td>{@code byte[]} (as
 *       {@code bytes})</td></tr>
 *   <tr><td>{@code list}</td><td>{@code ArrayList}</td><td>any {@code List}</td></tr>
 *   <tr><td>{@code tuple}</td><td>{@code Object[]}</td><td>{@code Object[]}</td></tr>
 *   <tr><td>{@code dict}</td><td>{@code LinkedHashMap}, in the dict's order</td><td>any
 *       {@code Map}, in its iteration order</td></tr>
 *   <tr><td>{@code set}, {@code frozenset}</td><td>{@code HashSet}</td><td>any {@code Set} (as
 *       {@code set})</td></tr>
 * </table>
 * Containers nest; a value referred to twice, or a container that holds itself, arrives as one
 * object in both directions.
 *
 * <p>Anything else fails in the sender, with an
 * {@link org.multiprocessing4j.UnserializableObjectException} naming its class: a record, a
 * {@code java.time} value, an {@code int[]}, a {@code Collection} that is neither a list nor a
 * set, and a list, dictionary or set as a dictionary key or set element (Python cannot hash
 * them).
 *
 * <h2>Pickles from peers</h2>
 * A pickle is a program: CPython's own {@code pickle.loads} runs whatever function it names. This
 * serializer reads pickles as data only. A pickle that names any function or class other than the
 * few that protocols 0 to 2 use for the values above ({@code set}, {@code frozenset}, {@code list},
 * {@code bytes}, {@code bytearray}, {@code _codecs.encode}), or asks for an object to be built or
 * looked up ({@code BUILD}, {@code NEWOBJ}, {@code INST}, {@code OBJ}, persistent ids, extension
 * codes, out-of-band buffers), is refused with an {@link InvalidObjectException} when that opcode
 * is read, before anything is built from it. So a crafted pickle that names {@code os.system}
 * runs nothing. Nor can a small pickle keep the reader busy out of proportion to its size: a
 * dictionary key or set element must be what Python can hash, a text {@code int} has at most
 * 4 300 digits as in CPython, and values nest at most 1 000 deep. Since no Java class is ever
 * chosen by the data, {@link #withClassFilter} has
 * nothing to filter and returns this serializer.
 *
 * <p>Pickles are written in protocol 2 with the {@code bytes} opcodes of protocol 3, which every
 * CPython 3 reads, and read in any protocol from 0 to 5. The instance is stateless and safe for use
 * by several threads.
 */
public final class PickleSerializer implements Serializer {

    private static final PickleSerializer INSTANCE = new PickleSerializer();

    private PickleSerializer() {
    }

    /**
     * The serializer.
     *
     * @return the shared instance
     */
    public static PickleSerializer instance() {
        return INSTANCE;
    }

    @Override
    public ByteBuffer serialize(Object value, ByteBuffer buffer) {
        return PickleWire.PLAIN.serialize(value, buffer);
    }

    @Override
    public Object deserialize(ByteBuffer buffer) throws IOException {
        return PickleWire.PLAIN.deserialize(buffer);
    }

    /**
     * This serializer: a pickle never chooses a Java class (see the class description).
     *
     * @param allowed not consulted
     * @return this serializer
     */
    @Override
    public Serializer withClassFilter(Predicate<String> allowed) {
        return this;
    }

    @Override
    public String toString() {
        return "PickleSerializer";
    }
}
