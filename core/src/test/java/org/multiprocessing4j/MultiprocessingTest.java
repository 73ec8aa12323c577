package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The facade is its context's methods as statics. */
class MultiprocessingTest {

    /** What belongs to the facade alone, and what only a context has. */
    private static final Set<String> FACADE_ONLY = Set.of("context", "setStartMethod", "logToStderr");
    private static final Set<String> CONTEXT_ONLY = Set.of("name", "options", "prestart");

    @Test
    void theFacadeHasEveryMethodOfTheContextWithTheSameOverloads() {
        Set<String> facade = Arrays.stream(Multiprocessing.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()))
                .filter(method -> !FACADE_ONLY.contains(method.getName()))
                .map(MultiprocessingTest::signature).collect(Collectors.toSet());
        Set<String> context = Arrays.stream(ProcessContext.class.getDeclaredMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()) && !method.isSynthetic())
                .filter(method -> !CONTEXT_ONLY.contains(method.getName()))
                .map(MultiprocessingTest::signature).collect(Collectors.toSet());
        assertThat(facade).isEqualTo(context);
    }

    private static String signature(Method method) {
        return method.getGenericReturnType().getTypeName() + " " + method.getName()
                + Arrays.stream(method.getGenericParameterTypes()).map(type -> type.getTypeName())
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
