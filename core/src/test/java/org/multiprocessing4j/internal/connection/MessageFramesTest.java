package org.multiprocessing4j.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** CPython's message headers: the 4-byte form up to 2 GiB - 1, the -1 and 8-byte form above. */
class MessageFramesTest {

    @Test
    void aLengthUpTo2GiBMinus1IsWrittenInFourBigEndianBytes() {
        assertThat(header(0)).containsExactly(0, 0, 0, 0);
        assertThat(header(0x01020304)).containsExactly(1, 2, 3, 4);
        assertThat(header(Integer.MAX_VALUE)).containsExactly(0x7f, 0xff, 0xff, 0xff);
    }

    @Test
    void aLengthAbove2GiBMinus1IsWrittenAsMinusOneThenEightBigEndianBytes() {
        assertThat(header(1L << 31)).containsExactly(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0x80, 0, 0, 0);
        assertThat(header(0x0102030405L)).containsExactly(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 2, 3, 4, 5);
    }

    @Test
    void readingTellsTheLongFormFromTheShortAndRefusesOtherNegativeLengths() throws Exception {
        assertThat(MessageFrames.shortLength(5)).isEqualTo(5);
        assertThat(MessageFrames.shortLength(-1)).isEqualTo(-1);
        assertThat(MessageFrames.longLength(1L << 31)).isEqualTo(1L << 31);
        assertThatThrownBy(() -> MessageFrames.shortLength(-2)).isInstanceOf(StreamCorruptedException.class);
        assertThatThrownBy(() -> MessageFrames.longLength(-1)).isInstanceOf(StreamCorruptedException.class);
    }

    /** The header for {@code length}, as unsigned byte values. */
    private static int[] header(long length) {
        ByteBuffer buffer = ByteBuffer.allocate(MessageFrames.headerSize(length));
        MessageFrames.putHeader(length, buffer);
        assertThat(buffer.hasRemaining()).as("the header fills its size").isFalse();
        int[] bytes = new int[buffer.capacity()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = buffer.get(i) & 0xff;
        }
        return bytes;
    }
}
