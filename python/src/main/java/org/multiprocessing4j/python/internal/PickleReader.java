package org.multiprocessing4j.python.internal;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ByteArrayConstructor;
import net.razorvine.pickle.objects.SetConstructor;

/**
 * The pickle library's reader, made safe for pickles from peers: it builds only Python's plain
 * values, never an object of a class the pickle names.
 *
 * <p>A pickle calls code through the globals it names ({@code GLOBAL}, {@code STACK_GLOBAL}) and
 * the opcodes that apply them ({@code REDUCE}, {@code NEWOBJ}, {@code BUILD}, {@code INST},
 * {@code OBJ}) or hand objects to the reader ({@code PERSID}, {@code EXT1}–{@code EXT4}, out-of-band
 * buffers). Here a global is looked up in a fixed table of the few that protocols 0 to 2 use for
 * plain values ({@code set}, {@code frozenset}, {@code bytes}, {@code bytearray},
 * {@code _codecs.encode}), whose constructors only build a set or a byte array; any other global,
 * and every opcode of the second kind but {@code REDUCE} (which can then only apply one of those),
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

    private static final IObjectConstructor SET = new SetConstructor();
    private static final IObjectConstructor BYTES = new ByteArrayConstructor();
    private static final Map<String, IObjectConstructor> GLOBALS = Map.of(
            "builtins.set", SET, "__builtin__.set", SET,
            "builtins.frozenset", SET, "__builtin__.frozenset", SET,
            "builtins.bytes", BYTES, "__builtin__.bytes", BYTES,
            "builtins.bytearray", BYTES, "__builtin__.bytearray", BYTES,
            "_codecs.encode", BYTES);

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
            case Opcodes.SETITEMS:
                List<Object> pairs = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> target = (Map<Object, Object>) stack.peek();
                putPairs(pairs, target);
                return NO_RETURN_VALUE;
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
    private static void putPairs(List<Object> pairs, Map<Object, Object> into) throws InvalidObjectException {
        if (pairs.size() % 2 != 0) {
            throw new InvalidObjectException("a pickle's dictionary has a key without a value");
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            into.put(pairs.get(i), pairs.get(i + 1));
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
