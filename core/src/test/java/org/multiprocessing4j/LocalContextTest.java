package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.spi.ContextProvider;

/** Contexts by name and options: the local backend's, and one found on the class path. */
class LocalContextTest {

    @Test
    void equalNamesAndOptionsGiveTheSameContextWithTheDefaultsFilledIn() {
        ProcessContext local = ProcessContext.local();
        assertThat(ProcessContext.get("local")).isSameAs(local);
        assertThat(ProcessContext.get("local", Map.of("startMethod", "WARM", "spares", "1"))).isSameAs(local);
        assertThat(local.name()).isEqualTo("local");
        assertThat(local.options()).containsExactly(Map.entry("startMethod", "warm"), Map.entry("spares", "1"),
                Map.entry("spareJvmOptions", ""));

        ProcessContext cold = ProcessContext.local(StartMethod.COLD);
        assertThat(cold).isNotSameAs(local).isSameAs(ProcessContext.get("local", Map.of("startMethod", "cold")));
        assertThat(cold.options()).containsEntry("startMethod", "cold");
        assertThat(ProcessContext.get("local", Map.of("spareJvmOptions", " -Xmx64m  -Dx=y ")).options())
                .containsEntry("spareJvmOptions", "-Xmx64m -Dx=y");
    }

    @Test
    void anUnknownBackendOrOptionOrABadValueIsRefusedNamingWhatIsKnown() {
        assertThatThrownBy(() -> ProcessContext.get("nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("local").hasMessageContaining("stub");
        assertThatThrownBy(() -> ProcessContext.get("local", Map.of("colour", "red")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour")
                .hasMessageContaining("startMethod");
        assertThatThrownBy(() -> ProcessContext.get("local", Map.of("startMethod", "lukewarm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lukewarm");
        assertThatThrownBy(() -> ProcessContext.get("local", Map.of("spares", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> ProcessContext.get("local", Map.of("spares", "two")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two");
    }

    @Test
    void aBackendOnTheClassPathIsFoundByItsNameWithItsOptions() {
        ProcessContext stub = ProcessContext.get("stub", Map.of("colour", "blue"));
        assertThat(stub).isInstanceOf(StubContextProvider.StubContext.class)
                .isSameAs(ProcessContext.get("stub", Map.of("colour", "blue")));
        assertThat(stub.name()).isEqualTo("stub");
        assertThat(stub.options()).containsExactly(Map.entry("colour", "blue"));
        assertThat(ServiceLoader.load(ContextProvider.class).stream().map(provider -> provider.get().name()))
                .contains("local", "stub");
    }

    @Test
    void theDefaultContextIsTheOneTheSystemPropertyNames() {
        String before = System.getProperty(Backends.CONTEXT_PROPERTY);
        try {
            System.clearProperty(Backends.CONTEXT_PROPERTY);
            assertThat(Backends.byProperty()).isSameAs(ProcessContext.local());
            System.setProperty(Backends.CONTEXT_PROPERTY, "stub");
            assertThat(Backends.byProperty().name()).isEqualTo("stub");
            System.setProperty(Backends.CONTEXT_PROPERTY, "nowhere");
            assertThatThrownBy(Backends::byProperty).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nowhere");
        } finally {
            restoreContextProperty(before);
        }
    }

    @Test
    void theDefaultContextTakesItsOptionsFromPropertiesUnderTheContextsName() {
        String option = Backends.CONTEXT_PROPERTY + ".colour";
        String before = System.getProperty(Backends.CONTEXT_PROPERTY);
        try {
            System.setProperty(Backends.CONTEXT_PROPERTY, "stub");
            System.setProperty(option, "green");
            assertThat(Backends.byProperty()).isSameAs(ProcessContext.get("stub", Map.of("colour", "green")));
        } finally {
            System.clearProperty(option);
            restoreContextProperty(before);
        }
    }

    private static void restoreContextProperty(String before) {
        if (before == null) {
            System.clearProperty(Backends.CONTEXT_PROPERTY);
        } else {
            System.setProperty(Backends.CONTEXT_PROPERTY, before);
        }
    }

    @Test
    void aSerializedLocalContextIsTheContextOfTheSameOptionsWhereItIsRead() throws Exception {
        ProcessContext cold = ProcessContext.local(StartMethod.COLD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cold);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isSameAs(cold);
        }
    }

    @Test
    void theLocalPrimitivesSayWhatWasMisused() {
        ProcessLock lock = ProcessContext.local().lock();
        lock.lock();
        assertThatThrownBy(lock::lock).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("reentrant");
        lock.unlock();
        ProcessSemaphore semaphore = ProcessContext.local().boundedSemaphore(1);
        assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released too many times");
    }

    @Test
    void theLocalContextCountsTheProcessorsThisJvmMayUse() {
        assertThat(ProcessContext.local().cpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Multiprocessing.cpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
