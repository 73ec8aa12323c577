package org.multiprocessing4j.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void exitStatusOfASignalledJvmBecomesMinusTheSignalAsInPython() {
        assertThat(Platform.pythonExitCode(0)).isZero();
        assertThat(Platform.pythonExitCode(1)).isEqualTo(1);
        assertThat(Platform.pythonExitCode(128)).isEqualTo(128);
        assertThat(Platform.pythonExitCode(137)).isEqualTo(-9);
        assertThat(Platform.pythonExitCode(143)).isEqualTo(-15);
        assertThat(Platform.pythonExitCode(255)).isEqualTo(255);
    }
}
