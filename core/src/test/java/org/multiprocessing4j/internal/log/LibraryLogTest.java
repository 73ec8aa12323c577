package org.multiprocessing4j.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryLogTest {

    @Test
    void eachPlaceholderTakesTheNextArgumentAndWhatIsLeftOverStaysAsItIs() {
        assertThat(LibraryLog.format("{} (pid {}) starts cold: {}", new Object[] {"Process-1", 42L, "no spare"}))
                .isEqualTo("Process-1 (pid 42) starts cold: no spare");
        assertThat(LibraryLog.format("{} and {}", new Object[] {"one"})).isEqualTo("one and {}");
        assertThat(LibraryLog.format("nothing to fill", new Object[] {"extra"})).isEqualTo("nothing to fill");
        assertThat(LibraryLog.format("{}", new Object[] {null})).isEqualTo("null");
    }
}
