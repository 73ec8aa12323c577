package org.multiprocessing4j.python.internal;

import java.io.IOException;
import java.io.OutputStream;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Pickler;

/**
 * The pickle library's writer, with {@link PickledBytes} written as Python's {@code bytes}
 * ({@code SHORT_BINBYTES} or {@code BINBYTES}, which every CPython 3 reads). Its memo is by
 * identity, as Python's is. One writer per value: a pickler keeps its memo between calls.
 */
final class PickleWriter extends Pickler {

    private static final IObjectPickler BYTES = PickleWriter::writeBytes;
    private static final IObjectPickler RAISE = PickleWriter::writeRaise;

    PickleWriter() {
        super(true, false);
    }

    @Override
    protected IObjectPickler getCustomPickler(Class<?> type) {
        return type == PickledBytes.class ? BYTES : type == PythonRaise.class ? RAISE : super.getCustomPickler(type);
    }

    /** {@code GLOBAL module name}, its message as a 1-tuple, {@code REDUCE}: how CPython pickles {@code KeyError('k')}. */
    private static void writeRaise(Object value, OutputStream out, Pickler pickler) throws PickleException, IOException {
        PythonRaise raise = (PythonRaise) value;
        out.write(Opcodes.GLOBAL);
        out.write((raise.module() + "\n" + raise.name() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        pickler.save(new Object[] {raise.message()});
        out.write(Opcodes.REDUCE);
    }

    private static void writeBytes(Object value, OutputStream out, Pickler pickler) throws PickleException, IOException {
        byte[] bytes = ((PickledBytes) value).bytes();
        if (bytes.length < 256) {
            out.write(Opcodes.SHORT_BINBYTES);
            out.write(bytes.length);
        } else {
            out.write(Opcodes.BINBYTES);
            int length = bytes.length;
            // little-endian, as every length in a pickle
            out.write(length);
            out.write(length >>> 8);
            out.write(length >>> 16);
            out.write(length >>> 24);
        }
        out.write(bytes);
    }
}
