package org.multiprocessing4j.internal.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.UncheckedIOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes a target for a child: serializable lambdas and the plain values they capture in a compact
 * form of their own, anything else with JDK serialization.
 *
 * <p>Why not JDK serialization throughout: in a fresh JVM, an {@code ObjectInputStream} costs about
 * 15 ms before it reads its first object (its filter configuration looks up a system logger through
 * the service loader, which opens every jar on the class path; class descriptors are hashed with
 * SHA, which initializes the security providers; serialization constructors are generated as
 * bytecode). A lambda is already described by its {@link SerializedLambda}; this codec writes that
 * description field by field and rebuilds the lambda through the capturing class's
 * {@code $deserializeLambda$}, exactly as {@code SerializedLambda.readResolve} would. Captured
 * values that are not strings, boxed primitives or lambdas are written with JDK serialization, so a
 * child pays for object streams only when its target needs them. When more than one captured value
 * needs JDK serialization the whole target is written that way instead, so that objects the values
 * share stay shared in the child.
 *
 * <p>A lambda whose capturing class is in a named module that is not open to this library cannot
 * be taken apart reflectively; it is written whole with JDK serialization.
 */
public final class TargetCodec {

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INTEGER = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte LAMBDA = 6;
    private static final byte SERIALIZED = 7;

    private static final ThreadLocal<Boolean> ENCODING = new ThreadLocal<>();
    /**
     * The classes of the values the rehearsal on this thread did not deserialize whose reading it
     * prepares, or {@code null} while it met none.
     */
    private static final ThreadLocal<List<String>> SKIPPED_SERIALIZED = new ThreadLocal<>();

    private TargetCodec() {
    }

    /**
     * Encodes {@code target}.
     *
     * @param target the object to send
     * @param what what it is, for error messages
     * @return its bytes
     * @throws org.multiprocessing4j.UnserializableObjectException if something in it cannot be
     *     serialized
     */
    public static byte[] encode(Object target, String what) {
        return encode(target, what, false);
    }

    /**
     * Encodes a child's target as {@link #encode} does, and lists after each JDK-serialized value
     * the library's and the JDK's classes in it, for a spare's {@linkplain #rehearse rehearsal}.
     *
     * @param target the child's target
     * @param what what it is, for error messages
     * @return its bytes
     * @throws org.multiprocessing4j.UnserializableObjectException if something in it cannot be
     *     serialized
     */
    public static byte[] encodeTarget(Object target, String what) {
        return encode(target, what, true);
    }

    private static byte[] encode(Object target, String what, boolean listClasses) {
        boolean outer = ENCODING.get() == null;
        if (outer) {
            ENCODING.set(Boolean.TRUE);
        }
        try {
            Writer writer = new Writer(what, listClasses);
            writer.write(target);
            if (writer.serializedValues > 1) {
                writer = new Writer(what, listClasses);
                writer.writeSerialized(target);
            }
            return writer.bytes.toByteArray();
        } finally {
            if (outer) {
                ENCODING.remove();
            }
        }
    }

    /**
     * Whether the current thread is encoding a target or lambda, which only ever goes to a process
     * of this machine that this library started or reaches through its shared memory (a network
     * peer's serializer always has a class filter, and writes lambdas otherwise): what a handle
     * may tell such a process and no other, such as a key.
     *
     * @return whether a target is being encoded
     */
    public static boolean isEncoding() {
        return ENCODING.get() != null;
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @param bytes the encoded target
     * @return the target
     * @throws IOException if the bytes are corrupt or a class cannot be rebuilt
     * @throws ClassNotFoundException if a class is missing here
     */
    public static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        return read(new DataInputStream(new ByteArrayInputStream(bytes)), Rebuild.LAMBDAS);
    }

    /**
     * Decodes what {@link #encode} wrote, for a target this JVM runs once: its lambdas of the
     * library's functional interfaces become reflective calls ({@link ReflectedLambda}), ready
     * sooner in a fresh JVM than lambdas rebuilt through the lambda metafactory.
     *
     * @param bytes the encoded target
     * @return the target
     * @throws IOException if the bytes are corrupt or a class cannot be rebuilt
     * @throws ClassNotFoundException if a class is missing here
     */
    public static Object decodeTarget(byte[] bytes) throws IOException, ClassNotFoundException {
        return read(new DataInputStream(new ByteArrayInputStream(bytes)), Rebuild.REFLECTED);
    }

    /**
     * Reads a target as {@link #decodeTarget} would, but runs nothing and deserializes no captured
     * object: it only loads the classes of its lambdas (without initializing them), looks up the
     * methods they call, and prepares JDK serialization to read the library's and the JDK's
     * classes among those of its serialized values, whose names {@link #encodeTarget} lists after
     * them (which initializes those classes). A spare JVM does this with a recent target while it is
     * idle, so that a target like it later starts sooner.
     *
     * @param bytes the encoded target
     * @return whether the target holds objects that it did not deserialize (the handles of queues,
     *     pipes, locks...)
     * @throws IOException if the bytes are corrupt or a class cannot be found
     * @throws ClassNotFoundException if a class is missing here
     */
    public static boolean rehearse(byte[] bytes) throws IOException, ClassNotFoundException {
        List<String> classes = skippedClasses(bytes);
        if (classes == null) {
            return false;
        }
        ReadingPreparation.prepare(classes);
        return true;
    }

    /**
     * Reads a target as {@link #rehearse} does, and names the classes whose reading it would
     * prepare: those of the library and of the JDK in its JDK-serialized values.
     *
     * @param bytes the encoded target
     * @return their names, or {@code null} if it has no such values
     */
    static List<String> skippedClasses(byte[] bytes) throws IOException, ClassNotFoundException {
        SKIPPED_SERIALIZED.remove();
        try {
            read(new DataInputStream(new ByteArrayInputStream(bytes)), Rebuild.NOTHING);
            return SKIPPED_SERIALIZED.get();
        } finally {
            SKIPPED_SERIALIZED.remove();
        }
    }

    /** What becomes of the lambdas read. */
    private enum Rebuild {
        /** Real lambdas, through the capturing class. */
        LAMBDAS,
        /** Reflective calls, where {@link ReflectedLambda} can. */
        REFLECTED,
        /** Nothing: the classes are loaded and the methods looked up, and that is all. */
        NOTHING
    }

    /** One encoding: the bytes so far, and how many values needed JDK serialization. */
    private static final class Writer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        final DataOutputStream out = new DataOutputStream(bytes);
        final String what;
        final boolean listClasses;
        int serializedValues;

        Writer(String what, boolean listClasses) {
            this.what = what;
            this.listClasses = listClasses;
        }

        void write(Object value) {
            try {
                if (value == null) {
                    out.writeByte(NULL);
                } else if (value instanceof String text) {
                    out.writeByte(STRING);
                    out.writeUTF(text);
                } else if (value instanceof Integer number) {
                    out.writeByte(INTEGER);
                    out.writeInt(number);
                } else if (value instanceof Long number) {
                    out.writeByte(LONG);
                    out.writeLong(number);
                } else if (value instanceof Double number) {
                    out.writeByte(DOUBLE);
                    out.writeDouble(number);
                } else if (value instanceof Boolean flag) {
                    out.writeByte(BOOLEAN);
                    out.writeBoolean(flag);
                } else {
                    SerializedLambda lambda = openLambda(value);
                    if (lambda != null) {
                        writeLambda(lambda);
                    } else {
                        writeSerialized(value);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void writeSerialized(Object value) {
            Set<String> classes = listClasses ? new LinkedHashSet<>() : null;
            byte[] serialized = JdkSerializer.toBytes(value, what, classes);
            serializedValues++;
            try {
                out.writeByte(SERIALIZED);
                out.writeInt(serialized.length);
                out.write(serialized);
                // for a spare's rehearsal, which prepares their reading without reading the value
                List<String> prepared = listClasses ? ReadingPreparation.preparable(classes) : List.of();
                out.writeShort(prepared.size());
                for (String name : prepared) {
                    out.writeUTF(name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeLambda(SerializedLambda lambda) throws IOException {
            out.writeByte(LAMBDA);
            out.writeUTF(lambda.getCapturingClass());
            out.writeUTF(lambda.getFunctionalInterfaceClass());
            out.writeUTF(lambda.getFunctionalInterfaceMethodName());
            out.writeUTF(lambda.getFunctionalInterfaceMethodSignature());
            out.writeInt(lambda.getImplMethodKind());
            out.writeUTF(lambda.getImplClass());
            out.writeUTF(lambda.getImplMethodName());
            out.writeUTF(lambda.getImplMethodSignature());
            out.writeUTF(lambda.getInstantiatedMethodType());
            out.writeInt(lambda.getCapturedArgCount());
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                write(lambda.getCapturedArg(i));
            }
        }
    }

    /**
     * For each lambda class, its {@code writeReplace} method, or {@code null} when its instances
     * are not serializable lambdas the child could rebuild reflectively. Looked up once per class:
     * reflection is a good part of a warm start's cost in the parent.
     */
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!type.isSynthetic()) {
                return null;
            }
            try {
                Method writeReplace = type.getDeclaredMethod("writeReplace");
                writeReplace.setAccessible(true);
                return writeReplace;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    /** Whether a capturing class's {@code $deserializeLambda$} can be called from here. */
    private static final ClassValue<Boolean> REBUILDABLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> capturingClass) {
            try {
                deserializer(capturingClass);
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
    };

    /**
     * The description of a serializable lambda, or {@code null} for anything else or for a lambda
     * the child could not rebuild reflectively.
     */
    private static SerializedLambda openLambda(Object value) {
        if (value instanceof ReflectedLambda reflected) {
            return reflected.description();
        }
        Method writeReplace = WRITE_REPLACE.get(value.getClass());
        if (writeReplace == null) {
            return null;
        }
        try {
            if (writeReplace.invoke(value) instanceof SerializedLambda lambda) {
                Class<?> capturingClass = Class.forName(lambda.getCapturingClass().replace('/', '.'), false,
                        value.getClass().getClassLoader());
                return REBUILDABLE.get(capturingClass) ? lambda : null;
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object read(DataInputStream in, Rebuild rebuild) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return in.readUTF();
            case INTEGER:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case BOOLEAN:
                return in.readBoolean();
            case LAMBDA:
                return readLambda(in, rebuild);
            case SERIALIZED:
                byte[] serialized = in.readNBytes(in.readInt());
                int classes = in.readUnsignedShort();
                List<String> skipped = rebuild == Rebuild.NOTHING ? skippedSoFar() : null;
                for (int i = 0; i < classes; i++) {
                    String name = in.readUTF();
                    if (skipped != null) {
                        skipped.add(name);
                    }
                }
                if (skipped != null) {
                    return null;
                }
                return JdkSerializer.fromBytes(serialized);
            default:
                throw new InvalidObjectException("unknown tag " + tag);
        }
    }

    private static Object readLambda(DataInputStream in, Rebuild rebuild) throws IOException, ClassNotFoundException {
        Class<?> capturingClass = load(in.readUTF());
        String interfaceClass = in.readUTF();
        String interfaceMethod = in.readUTF();
        String interfaceSignature = in.readUTF();
        int implKind = in.readInt();
        String implClass = in.readUTF();
        String implMethod = in.readUTF();
        String implSignature = in.readUTF();
        String instantiatedType = in.readUTF();
        Object[] captured = new Object[in.readInt()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = read(in, rebuild);
        }
        SerializedLambda lambda = new SerializedLambda(capturingClass, interfaceClass, interfaceMethod,
                interfaceSignature, implKind, implClass, implMethod, implSignature, instantiatedType, captured);
        if (rebuild == Rebuild.LAMBDAS) {
            return rebuild(capturingClass, lambda);
        }
        Object reflected = ReflectedLambda.of(lambda, capturingClass);
        return reflected != null || rebuild == Rebuild.NOTHING ? reflected : rebuild(capturingClass, lambda);
    }

    private static List<String> skippedSoFar() {
        List<String> skipped = SKIPPED_SERIALIZED.get();
        if (skipped == null) {
            skipped = new ArrayList<>();
            SKIPPED_SERIALIZED.set(skipped);
        }
        return skipped;
    }

    /** Rebuilds a lambda as {@code SerializedLambda.readResolve} would. */
    static Object rebuild(Class<?> capturingClass, SerializedLambda lambda) throws InvalidObjectException {
        try {
            return deserializer(capturingClass).invoke(null, lambda);
        } catch (InvocationTargetException e) {
            throw (InvalidObjectException) new InvalidObjectException("cannot rebuild " + lambda).initCause(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw (InvalidObjectException) new InvalidObjectException("cannot rebuild " + lambda).initCause(e);
        }
    }

    /** The method javac adds to every class that creates serializable lambdas. */
    private static Method deserializer(Class<?> capturingClass) throws NoSuchMethodException {
        Method method = capturingClass.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
        method.setAccessible(true);
        return method;
    }

    private static Class<?> load(String internalName) throws ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return Class.forName(internalName.replace('/', '.'), false,
                loader != null ? loader : TargetCodec.class.getClassLoader());
    }
}
