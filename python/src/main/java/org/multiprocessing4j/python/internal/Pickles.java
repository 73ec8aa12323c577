package org.multiprocessing4j.python.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.UncheckedIOException;
import net.razorvine.pickle.PickleException;

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
        Object copy = PickledGraph.of(value, what);
        try {
            return new PickleWriter().dumps(copy);
        } catch (IOException e) {
            // into an array in memory: no input or output can fail
            throw new UncheckedIOException(e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("the " + what + " nests deeper than a pickle holds (1000 levels)", e);
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
        try {
            return new PickleReader(readsRaised).load(pickle);
        } catch (InvalidObjectException e) {
            throw e;
        } catch (IOException | PickleException | ClassCastException | IndexOutOfBoundsException
                | IllegalArgumentException e) {
            InvalidObjectException invalid = new InvalidObjectException("not a pickle of plain values: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }
}
