package org.multiprocessing4j.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.SharedLongArray;
import org.multiprocessing4j.internal.shm.ArraySegment;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;

/** The local backend's limits on shared arrays and strings: what one mapping holds, and what a segment holds. */
class LocalSharedArrayTest {

    private final ProcessContext mp = ProcessContext.local();

    @Test
    void anArrayLongerThanOneMappingHoldsIsRefusedNamingTheLimit() {
        assertThatThrownBy(() -> mp.rawSharedLongArray(268_435_448)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("268435447").hasMessageContaining("2 GiB").hasMessageContaining("268435448");
        assertThatThrownBy(() -> mp.rawSharedIntArray(536_870_895)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("536870894");
        assertThatThrownBy(() -> mp.rawSharedByteArray(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2147483576");
    }

    @Test
    void theLongestArrayFillsOneMappingAndItsLastElementIsThere() {
        // tmpfs takes pages as they are written: this array costs one page
        SharedLongArray longest = mp.rawSharedLongArray(268_435_447);
        longest.set(268_435_446, 7);
        assertThat(longest.asBuffer().get(268_435_446)).isEqualTo(7);
        assertThatThrownBy(() -> longest.get(268_435_447)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aSegmentWhoseHeaderClaimsMoreElementsThanItsDataHoldsIsRefusedWhenBound(@TempDir Path dir) {
        ArraySegment segment = new SegmentDirectory(() -> dir).createArray(CellKind.DOUBLE_ARRAY, 64);
        segment.header().putIntVolatile(LocalSharedArray.LENGTH, 9);

        assertThatThrownBy(() -> new LocalSharedDoubleArray(segment, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("64 bytes").hasMessageContaining("length 9");
        segment.header().putIntVolatile(LocalSharedArray.LENGTH, 8);
        assertThat(new LocalSharedDoubleArray(segment, null).length()).isEqualTo(8);
    }

    @Test
    void aStringBeyondTheLargestCapacityIsRefused() {
        assertThatThrownBy(() -> mp.rawSharedString(LocalSharedString.MAX_CAPACITY + 1, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(LocalSharedString.MAX_CAPACITY));
    }
}
