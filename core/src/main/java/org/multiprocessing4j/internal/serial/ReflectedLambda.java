package org.multiprocessing4j.internal.serial;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.multiprocessing4j.function.SerializableBiConsumer;
import org.multiprocessing4j.function.SerializableBiFunction;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableFunction;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * A serializable lambda of one of the library's functional interfaces, rebuilt as a reflective call
 * of the method it stands for: how a child rebuilds the target it runs once.
 *
 * <p>Why: rebuilding a lambda the usual way runs its capturing class's {@code $deserializeLambda$},
 * whose first run has the lambda metafactory spin a class. In a fresh JVM that is about a
 * millisecond, most of what a warm start costs; a reflective call is ready in a tenth of that. A
 * lambda called more than {@value #CALLS_BEFORE_REBUILD} times (a target that calls a captured
 * function in a loop) rebuilds the real lambda and delegates to it, so hot code does not keep
 * paying reflection's cost per call. Serialized again, by {@link TargetCodec} or by JDK
 * serialization, it is the lambda it stands for.
 *
 * <p>It reflects only what a lambda's own class would do the same way: static methods,
 * constructors, virtual and interface calls, and private instance methods (a lambda body that uses
 * {@code this}). Anything else, such as {@code super::method} or a method this library cannot make
 * accessible, is rebuilt the usual way.
 */
abstract class ReflectedLambda implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int CALLS_BEFORE_REBUILD = 16;
    private static final String FUNCTION_PACKAGE = "org/multiprocessing4j/function/";

    private final transient SerializedLambda description;
    private final transient Class<?> capturingClass;
    private final transient Executable implementation;
    private final transient Object[] captured;
    private transient int calls;
    private transient Object rebuilt;

    private ReflectedLambda(SerializedLambda description, Class<?> capturingClass, Executable implementation) {
        this.description = description;
        this.capturingClass = capturingClass;
        this.implementation = implementation;
        this.captured = new Object[description.getCapturedArgCount()];
        // a loop, not a method reference: in a fresh JVM, the first lambda costs milliseconds
        for (int i = 0; i < captured.length; i++) {
            captured[i] = description.getCapturedArg(i);
        }
    }

    /**
     * The lambda {@code description} stands for, as a reflective call, or {@code null} if it is not
     * one this class rebuilds.
     */
    static Object of(SerializedLambda description, Class<?> capturingClass) {
        String type = description.getFunctionalInterfaceClass();
        if (!type.startsWith(FUNCTION_PACKAGE)) {
            return null;
        }
        Executable implementation = implementation(description, capturingClass.getClassLoader());
        if (implementation == null) {
            return null;
        }
        switch (type.substring(FUNCTION_PACKAGE.length())) {
            case "SerializableRunnable":
                return new AsRunnable(description, capturingClass, implementation);
            case "SerializableConsumer":
                return new AsConsumer(description, capturingClass, implementation);
            case "SerializableBiConsumer":
                return new AsBiConsumer(description, capturingClass, implementation);
            case "SerializableFunction":
                return new AsFunction(description, capturingClass, implementation);
            case "SerializableBiFunction":
                return new AsBiFunction(description, capturingClass, implementation);
            case "SerializableCallable":
                return new AsCallable(description, capturingClass, implementation);
            default:
                return null;
        }
    }

    /** The method or constructor a lambda calls, made accessible, or {@code null}. */
    private static Executable implementation(SerializedLambda description, ClassLoader loader) {
        try {
            Class<?> owner = Class.forName(description.getImplClass().replace('/', '.'), false, loader);
            Class<?>[] parameters = MethodType.fromMethodDescriptorString(description.getImplMethodSignature(), loader)
                    .parameterArray();
            int kind = description.getImplMethodKind();
            Executable implementation;
            if (kind == MethodHandleInfo.REF_newInvokeSpecial) {
                implementation = owner.getDeclaredConstructor(parameters);
            } else {
                Method method = method(owner, description.getImplMethodName(), parameters);
                boolean isStatic = Modifier.isStatic(method.getModifiers());
                boolean fits = switch (kind) {
                    case MethodHandleInfo.REF_invokeStatic -> isStatic;
                    case MethodHandleInfo.REF_invokeVirtual, MethodHandleInfo.REF_invokeInterface -> !isStatic;
                    // a private method is never overridden, so a reflective call is as direct
                    case MethodHandleInfo.REF_invokeSpecial -> !isStatic && Modifier.isPrivate(method.getModifiers());
                    default -> false;
                };
                if (!fits) {
                    return null;
                }
                implementation = method;
            }
            return implementation.trySetAccessible() ? implementation : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Method method(Class<?> owner, String name, Class<?>[] parameters) throws NoSuchMethodException {
        for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
            try {
                return type.getDeclaredMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                // inherited, perhaps
            }
        }
        // a public method of an interface the owner implements
        return owner.getMethod(name, parameters);
    }

    /**
     * The real lambda once this one has been called often, else {@code null}: the caller then calls
     * {@link #invoke}.
     */
    final Object hot() throws Exception {
        if (rebuilt == null && ++calls > CALLS_BEFORE_REBUILD) {
            rebuilt = TargetCodec.rebuild(capturingClass, description);
        }
        return rebuilt;
    }

    /** Calls the implementation with the captured values followed by {@code arguments}. */
    final Object invoke(Object... arguments) throws Exception {
        Object[] all = captured;
        if (arguments.length > 0) {
            all = Arrays.copyOf(captured, captured.length + arguments.length);
            System.arraycopy(arguments, 0, all, captured.length, arguments.length);
        }
        try {
            if (implementation instanceof Constructor<?> constructor) {
                return constructor.newInstance(all);
            }
            Method method = (Method) implementation;
            if (Modifier.isStatic(method.getModifiers())) {
                return method.invoke(null, all);
            }
            return method.invoke(all[0], Arrays.copyOfRange(all, 1, all.length));
        } catch (InvocationTargetException e) {
            throw ReflectedLambda.<RuntimeException>rethrow(e.getCause());
        } catch (IllegalArgumentException e) {
            // what the lambda itself would have thrown for an argument of the wrong type
            throw (ClassCastException) new ClassCastException("argument of the wrong type for " + implementation)
                    .initCause(e);
        } catch (IllegalAccessException | InstantiationException e) {
            throw new IllegalStateException("cannot call " + implementation, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable failure) throws T {
        throw (T) failure;
    }

    /** What this lambda is written as: the lambda it stands for. */
    final SerializedLambda description() {
        return description;
    }

    /** JDK serialization writes the lambda this stands for, which reads back as a real lambda. */
    protected final Object writeReplace() {
        return description;
    }

    @Override
    public String toString() {
        return "lambda calling " + implementation;
    }

    private static final class AsRunnable extends ReflectedLambda implements SerializableRunnable {
        private static final long serialVersionUID = 1L;

        AsRunnable(SerializedLambda description, Class<?> capturingClass, Executable implementation) {
            super(description, capturingClass, implementation);
        }

        @Override
        public void run() throws Exception {
            if (hot() instanceof SerializableRunnable lambda) {
                lambda.run();
            } else {
                invoke();
            }
        }
    }

    private static final class AsCallable extends ReflectedLambda implements SerializableCallable<Object> {
        private static final long serialVersionUID = 1L;

        AsCallable(SerializedLambda description, Class<?> capturingClass, Executable implementation) {
            super(description, capturingClass, implementation);
        }

        @Override
        public Object call() throws Exception {
            return hot() instanceof SerializableCallable<?> lambda ? lambda.call() : invoke();
        }
    }

    private static final class AsConsumer extends ReflectedLambda implements SerializableConsumer<Object> {
        private static final long serialVersionUID = 1L;

        AsConsumer(SerializedLambda description, Class<?> capturingClass, Executable implementation) {
            super(description, capturingClass, implementation);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object value) throws Exception {
            if (hot() instanceof SerializableConsumer<?> lambda) {
                ((SerializableConsumer<Object>) lambda).accept(value);
            } else {
                invoke(value);
            }
        }
    }

    private static final class AsBiConsumer extends ReflectedLambda implements SerializableBiConsumer<Object, Object> {
        private static final long serialVersionUID = 1L;

        AsBiConsumer(SerializedLambda description, Class<?> capturingClass, Executable implementation) {
            super(description, capturingClass, implementation);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object first, Object second) throws Exception {
            if (hot() instanceof SerializableBiConsumer<?, ?> lambda) {
                ((SerializableBiConsumer<Object, Object>) lambda).accept(first, second);
            } else {
                invoke(first, second);
            }
        }
    }

    private static final class AsFunction extends ReflectedLambda implements SerializableFunction<Object, Object> {
        private static final long serialVersionUID = 1L;

        AsFunction(SerializedLambda description, Class<?> capturingClass, Executable implementation) {
            super(description, capturingClass, implementation);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object apply(Object value) throws Exception {
            return hot() instanceof SerializableFunction<?, ?> lambda
                    ? ((SerializableFunction<Object, Object>) lambda).apply(value)
                    : invoke(value);
        }
    }

    private static final class AsBiFunction extends ReflectedLambda
            implements SerializableBiFunction<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        AsBiFunction(SerializedLambda description, Class<?> capturingClass, Executable implementation) {
            super(description, capturingClass, implementation);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object apply(Object first, Object second) throws Exception {
            return hot() instanceof SerializableBiFunction<?, ?, ?> lambda
                    ? ((SerializableBiFunction<Object, Object, Object>) lambda).apply(first, second)
                    : invoke(first, second);
        }
    }
}
