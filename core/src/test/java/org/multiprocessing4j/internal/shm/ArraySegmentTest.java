package org.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Array segments: their header's kind, their data, and a handle that names another kind. */
class ArraySegmentTest {

    @TempDir
    Path dir;

    @Test
    void anAttachedSegmentIsTheSameMemoryAfterItsHeader() {
        ArraySegment made = new SegmentDirectory(() -> dir).createArray(CellKind.LONG_ARRAY, 24);
        made.data().putLong(16, 42);
        ArraySegment attached = ArraySegment.attach(made.handle(), CellKind.LONG_ARRAY);
        assertThat(attached.data().capacity()).isEqualTo(24);
        assertThat(attached.data().order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(attached.data().getLong(16)).isEqualTo(42);
        assertThat(attached.kind()).isEqualTo(CellKind.LONG_ARRAY);
    }

    @Test
    void aHandleOfAnotherKindIsRefusedWhenItIsAttached() {
        SegmentDirectory segments = new SegmentDirectory(() -> dir);
        ArraySegment ints = segments.createArray(CellKind.INT_ARRAY, 8);
        assertThatThrownBy(() -> ArraySegment.attach(ints.handle(), CellKind.DOUBLE_ARRAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ints.path())
                .hasMessageContaining("DOUBLE_ARRAY");
        Cell value = segments.allocateCell(CellKind.INT_VALUE);
        CellHandle handle = value.handle();
        assertThatThrownBy(() -> new CellHandle(handle.segment(), handle.offset(), CellKind.LONG_VALUE, handle.generation()).attach())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LONG_VALUE");
    }

    @Test
    void moreDataThanOneMappingHoldsIsRefused() {
        assertThat(ArraySegment.HEADER + (long) ArraySegment.MAX_DATA).isLessThanOrEqualTo(Integer.MAX_VALUE);
        SegmentDirectory segments = new SegmentDirectory(() -> dir);
        assertThatThrownBy(() -> segments.createArray(CellKind.BYTE_ARRAY, ArraySegment.MAX_DATA + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
