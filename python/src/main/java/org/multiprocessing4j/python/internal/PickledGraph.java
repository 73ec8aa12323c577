package org.multiprocessing4j.python.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.multiprocessing4j.UnserializableObjectException;

/**
 * The value a pickle is written from: a copy of the value to send in which each {@code byte[]}
 * becomes {@link PickledBytes}, so that CPython reads {@code bytes} rather than the
 * {@code bytearray} the pickle library writes for arrays. Copying is also where the value is
 * checked: anything without a counterpart in Python fails here, in the sender, named by class,
 * as do dictionary keys and set elements that Python cannot hash.
 *
 * <p>Containers are copied once each, so that shared references and cycles survive the copy (and
 * the pickle's memo keeps them on the other side).
 */
final class PickledGraph {

    private final Map<Object, Object> copies = new IdentityHashMap<>();
    private final String what;

    private PickledGraph(String what) {
        this.what = what;
    }

    /**
     * The value to write in place of {@code value}.
     *
     * @param value the value to send
     * @param what what it is, for the message of a failure
     * @return its copy for the pickler
     * @throws UnserializableObjectException if it holds something a pickle cannot carry
     */
    static Object of(Object value, String what) {
        return new PickledGraph(what).copy(value, false);
    }

    private Object copy(Object value, boolean mustHash) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte || value instanceof Float
                || value instanceof Character || value instanceof PythonRaise) {
            return value;
        }
        Object done = copies.get(value);
        if (done != null) {
            return done;
        }
        if (value instanceof byte[] bytes) {
            return remember(value, new PickledBytes(bytes));
        }
        if (value instanceof Object[] tuple) {
            Object[] copy = remember(value, new Object[tuple.length]);
            for (int i = 0; i < tuple.length; i++) {
                copy[i] = copy(tuple[i], mustHash);
            }
            return copy;
        }
        if (mustHash) {
            throw refused(value, "as a dict key or set element, which Python must hash: only None, bool, int, float,"
                    + " str, bytes and tuples of those can be");
        }
        if (value instanceof List<?> list) {
            List<Object> copy = remember(value, new ArrayList<>(list.size()));
            for (Object element : list) {
                copy.add(copy(element, false));
            }
            return copy;
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = remember(value, new LinkedHashSet<>());
            for (Object element : set) {
                copy.add(copy(element, true));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = remember(value, new LinkedHashMap<>());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(copy(entry.getKey(), true), copy(entry.getValue(), false));
            }
            return copy;
        }
        throw refused(value, value instanceof Collection<?>
                ? "a collection that is neither a List nor a Set: copy it into one"
                : "pickles carry None, bool, int, float, str, bytes, list, tuple, dict and set only");
    }

    private <T> T remember(Object original, T copy) {
        copies.put(original, copy);
        return copy;
    }

    private UnserializableObjectException refused(Object value, String advice) {
        return new UnserializableObjectException(what + " as a pickle", value.getClass().getName(), advice);
    }
}
