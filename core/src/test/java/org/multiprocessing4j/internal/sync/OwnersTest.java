package org.multiprocessing4j.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.multiprocessing4j.internal.platform.Platform;

class OwnersTest {

    @Test
    void thisProcessIsNotGoneWithOrWithoutTheDiedBit() {
        assertThat(Owners.isGone(Owners.SELF)).isFalse();
        assertThat(Owners.isGone(Owners.SELF | Owners.DIED)).isFalse();
        assertThat(Owners.SELF >>> 32).isEqualTo(ProcessHandle.current().pid());
        assertThat(Owners.SELF & Owners.DIED).isZero();
    }

    @Test
    void aProcessThatExitedIsGone() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        assertThat(Owners.isGone(Owners.word(exited.pid(), 12345))).isTrue();
    }

    @Test
    void aRunningProcessWithAnotherStartTimeIsAnotherProcessThatReusedThePid() {
        long pid = ProcessHandle.current().pid();
        long stamp = Platform.processStamp(pid).orElseThrow();
        assertThat(Owners.word(pid, stamp)).isEqualTo(Owners.SELF);
        assertThat(Owners.isGone(Owners.word(pid, stamp + 1))).isTrue();
    }

    @Test
    void holderTokensTellThreadsApart() throws Exception {
        long mine = Owners.currentHolder();
        long[] other = new long[1];
        Thread thread = new Thread(() -> other[0] = Owners.currentHolder());
        thread.start();
        thread.join();
        assertThat(mine).isNotZero().isNotEqualTo(other[0]);
        assertThat(mine >>> 32).isEqualTo(other[0] >>> 32);
        assertThat(Owners.currentHolder()).isEqualTo(mine);
    }
}
