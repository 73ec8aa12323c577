package org.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Accesses by address: where they are used, and that they are the buffer's own bytes. */
class PlainMemoryTest {

    @Test
    void accessesByAddressAreUsedBeforeJava23AndNotFromItOn() {
        assertThat(PlainMemory.BY_ADDRESS).isEqualTo(Runtime.version().feature() < 23);
    }

    @Test
    void readsAndWritesByAddressAreThoseOfTheBufferInThePlatformsByteOrder() {
        assumeThat(PlainMemory.BY_ADDRESS).as("accesses by address are not used on this JDK").isTrue();
        ByteBuffer whole = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
        ByteBuffer buffer = whole.slice(8, 40).order(ByteOrder.nativeOrder());
        long address = PlainMemory.address(buffer);
        assertThat(address).isEqualTo(PlainMemory.address(whole) + 8);

        buffer.putDouble(0, 2.5).putLong(8, -3L).putInt(16, 7).put(20, (byte) -1);
        assertThat(PlainMemory.getDouble(buffer, address, 0)).isEqualTo(2.5);
        assertThat(PlainMemory.getLong(buffer, address, 8)).isEqualTo(-3L);
        assertThat(PlainMemory.getInt(buffer, address, 16)).isEqualTo(7);
        assertThat(PlainMemory.getByte(buffer, address, 20)).isEqualTo((byte) -1);

        PlainMemory.putDouble(buffer, address, 24, -0.25);
        PlainMemory.putLong(buffer, address, 32, Long.MIN_VALUE);
        PlainMemory.putInt(buffer, address, 16, Integer.MAX_VALUE);
        PlainMemory.putByte(buffer, address, 21, (byte) 9);
        assertThat(buffer.getDouble(24)).isEqualTo(-0.25);
        assertThat(whole.getLong(40)).isEqualTo(Long.MIN_VALUE);
        assertThat(buffer.getInt(16)).isEqualTo(Integer.MAX_VALUE);
        assertThat(buffer.get(21)).isEqualTo((byte) 9);
    }

    @Test
    void aHeapBufferHasNoAddress() {
        assumeThat(PlainMemory.BY_ADDRESS).as("accesses by address are not used on this JDK").isTrue();
        assertThatThrownBy(() -> PlainMemory.address(ByteBuffer.allocate(8))).isInstanceOf(IllegalArgumentException.class);
    }
}
