package org.multiprocessing4j.python.internal;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ByteArrayConstructor;

/**
 * The pickle library's reader, made safe for pickles from peers: it builds only Python's plain
 * values, never an object of a class the pickle names.
 *
 * <p>A pickle calls code through the globals it names ({@code GLOBAL}, {@code STACK_GLOBAL}) and
 * the opcodes that apply them ({@code REDUCE}, {@code NEWOBJ}, {@code BUILD}, {@code INST},
 * {@code OBJ}) or hand objects to the reader ({@code PERSID}, {@code EXT1}–{@code EXT4}, out-of-band
 * buffers). Here a global is looked up in a fixed table of the few that protocols 0 to 2 use for
 * plain values ({@code set}, {@code frozenset}, {@code list}, {@code bytes}, {@code bytearray},
 * {@code _codecs.encode}), whose constructors only build a set, a list or a byte array; any other
 * global, and every opcode of the second kind but {@code REDUCE} (which can then only apply one of those),
 * is refused when it is read, before anything is built from it. The library's own table of
 * constructors (datetime, decimal, arbitrary classes as dictionaries...) is never consulted.
 *
 * <p>Dictionaries are read into {@code LinkedHashMap}s, in their keys' order, which Python's
 * keep (the library's own reader would fill {@code HashMap}s).
 *
 * <p>A length read from the pickle is checked against the bytes left before the library
 * allocates an array of it, so that a forged length cannot exhaust memory.
 */
final class PickleReader extends Unpickler {

    /** Python's cap on the digits of an int read from text (sys.get_int_max_str_digits()). */
    private static final int MOST_DIGITS = 4300;
    /** How deeply tuples may nest in a dictionary key or set element. */
    private static final int DEEPEST_KEY = 100;
    private static final IObjectConstructor SET = PickleReader::set;
    private static final IObjectConstructor LIST = args -> new ArrayList<>(args.length == 0 ? List.of() : (List<?>) args[0]);
    private static final IObjectConstructor BYTES = new ByteArrayConstructor();
    private static final Map<String, IObjectConstructor> GLOBALS = Map.ofEntries(
            Map.entry("builtins.set", SET), Map.entry("__builtin__.set", SET),
            Map.entry("builtins.frozenset", SET), Map.entry("__builtin__.frozenset", SET),
            Map.entry("builtins.list", LIST), Map.entry("__builtin__.list", LIST),
            Map.entry("builtins.bytes", BYTES), Map.entry("__builtin__.bytes", BYTES),
            Map.entry("builtins.bytearray", BYTES), Map.entry("__builtin__.bytearray", BYTES),
            Map.entry("_codecs.encode", BYTES));

    /** Stands for {@code None} in {@link #putPairs}' list, which {@code List.of} would refuse. */
    private static final Object NONE = new Object();

    private final boolean readsRaised;

    /**
     * @param readsRaised whether the exceptions of Python's builtins (and {@code queue.Empty},
     *     {@code queue.Full}) are read too, each as a {@link RaisedInPython}: what a manager's
     *     server sends back for a method that raised
     */
    PickleReader(boolean readsRaised) {
        this.readsRaised = readsRaised;
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL:
                String module = PickleUtils.readline(input);
                stack.add(global(module, PickleUtils.readline(input)));
                return NO_RETURN_VALUE;
            case Opcodes.STACK_GLOBAL:
                Object name = stack.pop();
                Object from = stack.pop();
                if (!(from instanceof String) || !(name instanceof String)) {
                    throw new InvalidObjectException("a pickle names a global that is not a pair of strings");
                }
                stack.add(global((String) from, (String) name));
                return NO_RETURN_VALUE;
            case Opcodes.EMPTY_DICT:
                stack.add(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            case Opcodes.DICT:
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(stack.pop_all_since_marker(), dict);
                stack.add(dict);
                return NO_RETURN_VALUE;
            case Opcodes.SETITEM:
                Object value = stack.pop();
                Object entryKey = stack.pop();
                putPairs(List.of(entryKey == null ? NONE : entryKey, value == null ? NONE : value), top(Map.class));
                return NO_RETURN_VALUE;
            case Opcodes.SETITEMS:
                List<Object> pairs = stack.pop_all_since_marker();
                putPairs(pairs, top(Map.class));
                return NO_RETURN_VALUE;
            case Opcodes.APPENDS:
                // the library trims the list after each APPENDS, which makes many of them quadratic
                List<Object> items = stack.pop_all_since_marker();
                top(List.class).addAll(items);
                return NO_RETURN_VALUE;
            case Opcodes.ADDITEMS:
                List<Object> elements = stack.pop_all_since_marker();
                top(Set.class).addAll(hashed(elements));
                return NO_RETURN_VALUE;
            case Opcodes.FROZENSET:
                stack.add(new HashSet<>(hashed(stack.pop_all_since_marker())));
                return NO_RETURN_VALUE;
            case Opcodes.INT:
            case Opcodes.LONG:
                checkDigits();
                break;
            case Opcodes.BUILD:
            case Opcodes.NEWOBJ:
            case Opcodes.NEWOBJ_EX:
            case Opcodes.INST:
            case Opcodes.OBJ:
            case Opcodes.PERSID:
            case Opcodes.BINPERSID:
            case Opcodes.EXT1:
            case Opcodes.EXT2:
            case Opcodes.EXT4:
            case Opcodes.NEXT_BUFFER:
            case Opcodes.READONLY_BUFFER:
                throw new InvalidObjectException("a pickle asks for an object (opcode 0x" + Integer.toHexString(key)
                        + "): only Python's plain values are read");
            case Opcodes.BINSTRING:
            case Opcodes.BINUNICODE:
            case Opcodes.BINBYTES:
            case Opcodes.LONG4:
                checkLength(4);
                break;
            case Opcodes.BINUNICODE8:
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                checkLength(8);
                break;
            default:
                break;
        }
        return super.dispatch(key);
    }

    /** Keys and values in turn, put in their order: a Python dictionary keeps the order of its keys. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void putPairs(List<Object> pairs, Map into) throws InvalidObjectException {
        if (pairs.size() % 2 != 0) {
            throw new InvalidObjectException("a pickle's dictionary has a key without a value");
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            Object key = pairs.get(i) == NONE ? null : pairs.get(i);
            Object value = pairs.get(i + 1) == NONE ? null : pairs.get(i + 1);
            into.put(hashable(key, 0), value);
        }
    }

    /** The elements, each checked as {@link #hashable} checks a key. */
    private static List<Object> hashed(List<Object> elements) throws InvalidObjectException {
        for (Object element : elements) {
            hashable(element, 0);
        }
        return elements;
    }

    /**
     * {@code key} if Python could have hashed it: {@code None}, a number, a string, bytes, or a
     * tuple of those. Lists, dictionaries and sets as keys (which CPython never writes) would
     * let a small pickle make Java hash nested structures for as long as it likes.
     */
    private static Object hashable(Object key, int depth) throws InvalidObjectException {
        if (key == null || key instanceof String || key instanceof Number || key instanceof Boolean
                || key instanceof byte[]) {
            return key;
        }
        if (key instanceof Object[] tuple && depth < DEEPEST_KEY) {
            for (Object element : tuple) {
                hashable(element, depth + 1);
            }
            return key;
        }
        throw new InvalidObjectException("a pickle has a dictionary key or set element that Python cannot hash: a "
                + (key instanceof Object[] ? "tuple nested deeper than " + DEEPEST_KEY : key.getClass().getName()));
    }

    private static Object set(Object[] args) {
        if (args.length == 0) {
            return new HashSet<>();
        }
        if (!(args[0] instanceof List<?> elements)) {
            throw new PickleException("a pickle builds a set of something other than a list");
        }
        @SuppressWarnings("unchecked")
        List<Object> checked = (List<Object>) elements;
        try {
            return new HashSet<>(hashed(checked));
        } catch (InvalidObjectException e) {
            throw new PickleException(e.getMessage());
        }
    }

    private <T> T top(Class<T> type) throws InvalidObjectException {
        Object top = stack.size() == 0 ? null : stack.peek();
        if (!type.isInstance(top)) {
            throw new InvalidObjectException("a pickle adds items to something that is not a " + type.getSimpleName());
        }
        return type.cast(top);
    }

    /** Fails if the text int that comes next has more digits than CPython reads. */
    private void checkDigits() throws IOException {
        input.mark(MOST_DIGITS + 4);
        try {
            for (int i = 0; i < MOST_DIGITS + 3; i++) {
                int b = input.read();
                if (b < 0 || b == '\n') {
                    return;
                }
            }
            throw new InvalidObjectException("a pickle has an int of more than " + MOST_DIGITS + " digits");
        } finally {
            input.reset();
        }
    }

    private IObjectConstructor global(String module, String name) throws InvalidObjectException {
        IObjectConstructor constructor = GLOBALS.get(module + "." + name);
        if (constructor == null && readsRaised && RaisedInPython.isException(module, name)) {
            String type = RaisedInPython.typeName(module, name);
            constructor = args -> new RaisedInPython(type, java.util.Arrays.asList(args));
        }
        if (constructor == null) {
            throw new InvalidObjectException("a pickle names the global " + module + "." + name
                    + ": only Python's plain values are read (None, bool, int, float, str, bytes, bytearray,"
                    + " list, tuple, dict, set, frozenset)");
        }
        return constructor;
    }

    /** Fails if the little-endian length of {@code size} bytes that comes next exceeds what is left. */
    private void checkLength(int size) throws IOException {
        input.mark(size);
        long length = 0;
        for (int i = 0; i < size; i++) {
            int b = input.read();
            if (b < 0) {
                throw new InvalidObjectException("a pickle ends inside a length");
            }
            length |= (long) b << (8 * i);
        }
        int left = input.available();
        input.reset();
        if (length < 0 || length > left) {
            throw new InvalidObjectException("a pickle announces " + Long.toUnsignedString(length) + " bytes where "
                    + left + " are left");
        }
    }
}
