package org.multiprocessing4j.python.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.multiprocessing4j.Namespace;
import org.multiprocessing4j.python.CPythonException;
import org.multiprocessing4j.python.CPythonObject;

/**
 * A {@code Namespace} over a {@code multiprocessing.managers.Namespace} in a CPython manager's
 * server, through CPython's {@code NamespaceProxy}: {@code __getattribute__},
 * {@code __setattr__} and {@code __delattr__}; the names and values are read as its
 * {@code __dict__}, in one call. Names that start with an underscore are Python's own and not
 * attributes here, as for CPython's proxy.
 */
public final class PythonNamespace implements Namespace {

    private final CPythonObject namespace;

    public PythonNamespace(CPythonObject namespace) {
        this.namespace = namespace;
    }

    @Override
    public Object get(String name) {
        checked(name);
        try {
            return namespace.call("__getattribute__", name);
        } catch (CPythonException e) {
            if (e.pythonType().equals("builtins.AttributeError")) {
                throw new NoSuchElementException("the namespace has no attribute " + name);
            }
            throw e;
        }
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        return type.cast(get(name));
    }

    @Override
    public void set(String name, Object value) {
        namespace.call("__setattr__", checked(name), value);
    }

    @Override
    public boolean has(String name) {
        return attributes().containsKey(checked(name));
    }

    @Override
    public Object remove(String name) {
        Object value = get(name);
        namespace.call("__delattr__", name);
        return value;
    }

    @Override
    public Set<String> names() {
        return attributes().keySet();
    }

    @Override
    public Map<String, Object> toMap() {
        return attributes();
    }

    private Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) namespace.call("__getattribute__", "__dict__")).entrySet()) {
            String name = (String) entry.getKey();
            if (!name.startsWith("_")) {
                attributes.put(name, entry.getValue());
            }
        }
        return attributes;
    }

    private static String checked(String name) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith("_")) {
            throw new IllegalArgumentException("names that start with _ are Python's own: " + name);
        }
        return name;
    }
}
