package org.multiprocessing4j.internal.serial;

import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

/**
 * How {@link CompactSerializer} takes a record apart and builds it again: the fields behind its
 * components and its canonical constructor, which is exactly what JDK serialization does with a
 * record (its fields are never set behind its constructor's back, so its validation runs in the
 * receiving process too, and an overridden accessor changes nothing).
 *
 * <p>Only serializable records without {@code writeReplace} or {@code readResolve} qualify: those
 * methods change what JDK serialization writes or returns, and the compact form must not differ
 * from it. A record in a module that does not open it to this library does not qualify either.
 */
final class RecordShape {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    private final Field[] fields;
    private final Constructor<?> constructor;

    private RecordShape(Field[] fields, Constructor<?> constructor) {
        this.fields = fields;
        this.constructor = constructor;
    }

    /**
     * The shape of a record class.
     *
     * @param type any class
     * @return its shape, or {@code null} when it is not a serializable record the compact form can
     *     carry (the reader refuses any other, as JDK serialization refuses a class that is not
     *     serializable)
     */
    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    /** How many components the record has. */
    int size() {
        return fields.length;
    }

    /**
     * The value of one component.
     *
     * @param record an instance of this shape's class
     * @param index the component's position
     * @return its value
     */
    Object component(Object record, int index) {
        try {
            return fields[index].get(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("made accessible when inspected: " + fields[index], e);
        }
    }

    /**
     * Builds a record through its canonical constructor.
     *
     * @param components the components, in declaration order
     * @return the record
     * @throws InvalidObjectException if the constructor refuses them
     */
    Object build(Object[] components) throws InvalidObjectException {
        try {
            return constructor.newInstance(components);
        } catch (InvocationTargetException e) {
            throw (InvalidObjectException) new InvalidObjectException(
                    "the constructor of " + constructor.getDeclaringClass().getName() + " refused the values")
                    .initCause(e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw (InvalidObjectException) new InvalidObjectException(
                    "wrong values for " + constructor.getDeclaringClass().getName()).initCause(e);
        }
    }

    /**
     * Checks that the sender's record had as many components as this one.
     *
     * @param count the sender's count
     * @throws InvalidClassException if the record class differs between the processes
     */
    void checkSize(int count) throws InvalidClassException {
        if (count != fields.length) {
            throw new InvalidClassException(constructor.getDeclaringClass().getName(),
                    "sent with " + count + " components, has " + fields.length + " here");
        }
    }

    private static RecordShape inspect(Class<?> type) {
        if (!type.isRecord() || !Serializable.class.isAssignableFrom(type)
                || declares(type, "writeReplace") || declares(type, "readResolve")) {
            return null;
        }
        try {
            RecordComponent[] components = type.getRecordComponents();
            Field[] fields = new Field[components.length];
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                fields[i] = type.getDeclaredField(components[i].getName());
                fields[i].setAccessible(true);
                parameterTypes[i] = components[i].getType();
            }
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return new RecordShape(fields, constructor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not open to this module: JDK serialization has its own privileged way in
            return null;
        }
    }

    private static boolean declares(Class<?> type, String method) {
        try {
            type.getDeclaredMethod(method);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
