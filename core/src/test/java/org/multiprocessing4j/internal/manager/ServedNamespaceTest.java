package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServedNamespaceTest {

    private final ServedNamespace namespace = new ServedNamespace();

    @Test
    void anAttributeSetIsReadBackAndReplacedInPlace() {
        namespace.set("x", 1);
        namespace.set("y", "two");
        namespace.set("x", 3);

        assertThat(namespace.get("x")).isEqualTo(3);
        assertThat(namespace.get("y", String.class)).isEqualTo("two");
        assertThat(namespace.names()).containsExactly("x", "y");
        assertThat(namespace).hasToString("Namespace(x=3, y=two)");
    }

    @Test
    void aMissingAttributeIsNamedInTheException() {
        assertThatThrownBy(() -> namespace.get("missing"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("'missing'");
        assertThatThrownBy(() -> namespace.remove("missing"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("'missing'");
        assertThat(namespace.has("missing")).isFalse();
    }

    @Test
    void anAttributeSetToNullIsPresent() {
        namespace.set("none", null);

        assertThat(namespace.has("none")).isTrue();
        assertThat(namespace.get("none")).isNull();
        assertThat(namespace.get("none", Integer.class)).isNull();
        assertThat(namespace.toMap()).containsExactly(entry("none", null));
        assertThat(namespace.remove("none")).isNull();
        assertThat(namespace.has("none")).isFalse();
    }

    @Test
    void removeReturnsTheValueAndForgetsTheName() {
        namespace.set("a", 1);
        namespace.set("b", 2);

        assertThat(namespace.remove("a")).isEqualTo(1);

        assertThat(namespace.has("a")).isFalse();
        assertThat(namespace.names()).containsExactly("b");
    }

    @Test
    void namesAndTheMapAreCopiesInTheOrderFirstSet() {
        namespace.set("b", 1);
        namespace.set("a", 2);
        Set<String> names = namespace.names();
        Map<String, Object> map = namespace.toMap();

        namespace.set("c", 3);
        names.add("d");
        map.put("e", 5);

        assertThat(names).containsExactly("b", "a", "d");
        assertThat(map).containsExactly(entry("b", 1), entry("a", 2), entry("e", 5));
        assertThat(namespace.names()).containsExactly("b", "a", "c");
    }

    @Test
    void aValueOfAnotherTypeIsACastFailureNamingBoth() {
        namespace.set("list", new ArrayList<>(List.of(1)));

        assertThatThrownBy(() -> namespace.get("list", String.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("list")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void aNullNameIsRefused() {
        assertThatThrownBy(() -> namespace.set(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> namespace.has(null)).isInstanceOf(NullPointerException.class);
    }
}
