package org.multiprocessing4j.python.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.multiprocessing4j.python.CPythonObject;

/**
 * A {@code Map} over a {@code dict} in a CPython manager's server, through the methods of
 * CPython's {@code DictProxy}. Each method is one call in the server, atomic there, but
 * {@code put}, which reads the previous value first ({@code __setitem__} returns nothing), and
 * what {@code Map}'s defaults build of several calls. Iteration and the views work on a copy
 * taken when they are asked for, read-only.
 */
public final class PythonDict extends AbstractMap<Object, Object> {

    private final CPythonObject dict;

    public PythonDict(CPythonObject dict) {
        this.dict = dict;
    }

    @Override
    public int size() {
        return (Integer) dict.call("__len__");
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) dict.call("__contains__", key);
    }

    @Override
    public Object get(Object key) {
        return dict.call("get", key);
    }

    @Override
    public Object put(Object key, Object value) {
        Object previous = dict.call("get", key);
        dict.call("__setitem__", key, value);
        return previous;
    }

    @Override
    public Object remove(Object key) {
        return dict.call("pop", key, null);
    }

    @Override
    public void putAll(Map<?, ?> entries) {
        dict.call("update", new LinkedHashMap<>(entries));
    }

    @Override
    public void clear() {
        dict.call("clear");
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        @SuppressWarnings("unchecked")
        Map<Object, Object> copy = (Map<Object, Object>) dict.call("copy");
        return Collections.unmodifiableMap(copy).entrySet();
    }
}
