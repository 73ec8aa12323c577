package org.multiprocessing4j.python.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import org.multiprocessing4j.python.CPythonException;
import org.multiprocessing4j.python.CPythonObject;

/**
 * A {@code List} over a {@code list} in a CPython manager's server, through the methods of
 * CPython's {@code ListProxy}. Each method is one call in the server, but {@code set} (which reads
 * the previous element first) and {@code add(index, e)} (which checks the index first, as Python's
 * {@code insert} would clamp it); iteration, {@code equals}, {@code hashCode} and
 * {@code toString} work on a copy taken in one call, read-only, so what removes through an
 * iterator ({@code removeIf}, {@code removeAll}, {@code retainAll}) throws
 * {@link UnsupportedOperationException}.
 */
public final class PythonList extends AbstractList<Object> implements RandomAccess {

    private final CPythonObject list;

    public PythonList(CPythonObject list) {
        this.list = list;
    }

    @Override
    public Object get(int index) {
        checkIndex(index);
        return indexed("__getitem__", index);
    }

    @Override
    public int size() {
        return (Integer) list.call("__len__");
    }

    @Override
    public Object set(int index, Object element) {
        Object previous = get(index);
        indexed("__setitem__", index, element);
        return previous;
    }

    @Override
    public boolean add(Object element) {
        list.call("append", element);
        return true;
    }

    @Override
    public void add(int index, Object element) {
        if (index < 0 || index > size()) {
            throw new IndexOutOfBoundsException("index " + index + " of a CPython list of " + size());
        }
        list.call("insert", index, element);
    }

    @Override
    public Object remove(int index) {
        checkIndex(index);
        return indexed("pop", index);
    }

    @Override
    public boolean addAll(Collection<?> elements) {
        list.call("extend", new ArrayList<>(elements));
        return !elements.isEmpty();
    }

    @Override
    public void clear() {
        // list *= 0 empties it in place in one call; the answer is the empty list
        list.call("__imul__", 0);
    }

    @Override
    public boolean contains(Object element) {
        return (Boolean) list.call("__contains__", element);
    }

    @Override
    public boolean remove(Object element) {
        try {
            list.call("remove", element);
            return true;
        } catch (CPythonException e) {
            if (e.pythonType().equals("builtins.ValueError")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int indexOf(Object element) {
        try {
            return (Integer) list.call("index", element);
        } catch (CPythonException e) {
            if (e.pythonType().equals("builtins.ValueError")) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public Iterator<Object> iterator() {
        return snapshot().iterator();
    }

    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof List<?> && snapshot().equals(other);
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }

    /** A copy of the whole list, in one call ({@code list + []}). */
    @SuppressWarnings("unchecked")
    private List<Object> snapshot() {
        return java.util.Collections.unmodifiableList((List<Object>) list.call("__add__", List.of()));
    }

    private void checkIndex(int index) {
        if (index < 0) {
            // Python would count it from the end
            throw new IndexOutOfBoundsException("index " + index + " of a CPython list");
        }
    }

    private Object indexed(String method, Object... args) {
        try {
            return list.call(method, args);
        } catch (CPythonException e) {
            if (e.pythonType().equals("builtins.IndexError")) {
                throw new IndexOutOfBoundsException(e.getMessage());
            }
            throw e;
        }
    }
}
