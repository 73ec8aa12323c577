package org.multiprocessing4j.internal.manager;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.multiprocessing4j.Namespace;

/** The server's {@link Namespace}: an insertion-ordered map under this object's lock. */
final class ServedNamespace implements Namespace {

    private final Map<String, Object> attributes = new LinkedHashMap<>(); // guarded by itself

    @Override
    public Object get(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (attributes) {
            // containsKey as well as get: an attribute may be present with the value null
            Object value = attributes.get(name);
            if (value == null && !attributes.containsKey(name)) {
                throw missing(name);
            }
            return value;
        }
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        Object value = get(name);
        try {
            return type.cast(value);
        } catch (ClassCastException e) {
            throw new ClassCastException("attribute '" + name + "' is a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
    }

    @Override
    public void set(String name, Object value) {
        Objects.requireNonNull(name, "name");
        synchronized (attributes) {
            attributes.put(name, value);
        }
    }

    @Override
    public boolean has(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (attributes) {
            return attributes.containsKey(name);
        }
    }

    @Override
    public Object remove(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (attributes) {
            if (!attributes.containsKey(name)) {
                throw missing(name);
            }
            return attributes.remove(name);
        }
    }

    @Override
    public Set<String> names() {
        synchronized (attributes) {
            return new LinkedHashSet<>(attributes.keySet());
        }
    }

    @Override
    public Map<String, Object> toMap() {
        synchronized (attributes) {
            return new LinkedHashMap<>(attributes);
        }
    }

    /** Python's form: {@code Namespace(a=1, b=x)}. */
    @Override
    public String toString() {
        // formatted from a copy: a value's toString is not run with the lock held
        StringBuilder text = new StringBuilder("Namespace(");
        String separator = "";
        for (Map.Entry<String, Object> attribute : toMap().entrySet()) {
            text.append(separator).append(attribute.getKey()).append('=').append(attribute.getValue());
            separator = ", ";
        }
        return text.append(')').toString();
    }

    private static NoSuchElementException missing(String name) {
        return new NoSuchElementException("the namespace has no attribute '" + name + "'");
    }
}
