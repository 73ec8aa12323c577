package org.multiprocessing4j.python.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writing and reading one pickle, with the pickle library's failures turned into this library's. */
public final class Pickles {

    private Pickles() {
    }

    /**
     * The pickle of {@code value}.
     *
     * @param value a value of the types {@code PickleSerializer} documents
     * @param what what it is, for the message of a failure
     * @return the pickle
     * @throws org.multiprocessing4j.UnserializableObjectException if it holds something else
     */
    public static byte[] write(Object value, String what) {
        try {
            // the copy recurses as the pickler does: either may be the one that runs out of stack
            return new PickleWriter().dumps(PickledGraph.of(value, what));
        } catch (IOException e) {
            // into an array in memory: no input or output can fail
            throw new UncheckedIOException(e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("the " + what + " nests deeper than a pickle holds (1000 levels)", e);
        }
    }

    /** How deeply a value read may nest: deeper than CPython's pickler writes by default. */
    private static final int DEEPEST = 1000;

    /**
     * Fails unless {@code value} is made of the plain types only, nested at most {@value #DEEPEST}
     * deep: a pickle may leave on the stack what its opcodes pushed (a constructor, the stack's
     * marker), and a value nested deeper than that would overflow the stack of whatever walks it
     * next ({@code hashCode}, {@code toString}). Iterative, once per container.
     */
    private static void checkPlain(Object value, boolean readsRaised) throws InvalidObjectException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[] {value, 0});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            Object item = next[0];
            int depth = (Integer) next[1];
            if (item == null || item instanceof String || item instanceof Boolean || item instanceof Integer
                    || item instanceof Long || item instanceof Double || item instanceof BigInteger
                    || item instanceof byte[] || readsRaised && item instanceof RaisedInPython) {
                continue;
            }
            if (depth >= DEEPEST) {
                throw new InvalidObjectException("a pickle nests values more than " + DEEPEST + " deep");
            }
            if (!seen.add(item)) {
                continue;
            }
            Iterable<?> children;
            if (item instanceof Object[] tuple) {
                children = Arrays.asList(tuple);
            } else if (item instanceof List<?> || item instanceof Set<?>) {
                children = (Iterable<?>) item;
            } else if (item instanceof Map<?, ?> map) {
                List<Object> both = new ArrayList<>(map.keySet());
                both.addAll(map.values());
                children = both;
            } else {
                throw new InvalidObjectException("a pickle leaves a " + item.getClass().getName()
                        + " among its values, which is no plain value");
            }
            for (Object child : children) {
                todo.push(new Object[] {child, depth + 1});
            }
        }
    }

    /**
     * The value of one pickle.
     *
     * @param pickle the pickle's bytes
     * @param readsRaised whether Python's builtin exceptions are read, as {@link RaisedInPython}
     * @return the value
     * @throws InvalidObjectException if the bytes are not a pickle of plain values
     */
    public static Object read(ByteArrayInputStream pickle, boolean readsRaised) throws InvalidObjectException {
        Object value;
        try {
            value = new PickleReader(readsRaised).load(pickle);
        } catch (InvalidObjectException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // the library's reader fails on malformed input as it comes: a cast, an empty stack...
            InvalidObjectException invalid = new InvalidObjectException("not a pickle of plain values: " + e);
            invalid.initCause(e);
            throw invalid;
        }
        checkPlain(value, readsRaised);
        return value;
    }
}
