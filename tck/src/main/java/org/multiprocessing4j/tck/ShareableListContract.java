package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.multiprocessing4j.tck.SharedMemoryAcrossProcessesContract.assumeCPython;
import static org.multiprocessing4j.tck.SharedMemoryAcrossProcessesContract.output;
import static org.multiprocessing4j.tck.SharedMemoryAcrossProcessesContract.python;
import static org.multiprocessing4j.tck.SharedMemoryAcrossProcessesContract.untilExit;
import static org.multiprocessing4j.tck.SharedMemoryContract.discard;
import static org.multiprocessing4j.tck.SharedMemoryContract.freshName;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.ShareableList;
import org.multiprocessing4j.SharedMemory;

/**
 * Shareable lists between this JVM and child JVMs: every type of item written in one process and
 * read in another, slots and what fits them, items never torn by a writer in another process, a
 * list crossing in a target, a queue and a pool's task or attached by name, closing, the methods
 * that would change the length, and many lists made and dropped. CPython's {@code ShareableList}
 * cases of {@code _TestSharedMemory} are here under their names.
 */
@Timeout(120)
// a pool is closed by a BoundedClose resource that the block itself does not use
@SuppressWarnings("try")
public abstract class ShareableListContract extends ContextContract {

    /** Closes the view and unlinks the list's block, for the end of a test. */
    static void discardList(ShareableList list) {
        list.close();
        list.unlink();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void testSharedMemoryShareableListBasics_itemsOfEveryTypeAreReadWrittenRetypedCountedCopiedAndAttached()
            throws Exception {
        ProcessContext mp = context();
        ShareableList sl = mp.shareableList(Arrays.asList("howdy", bytes("HoWdY"), -273.154, 100, null, true, 42));
        try {
            assertThat(sl.toString()).contains(sl.name()).contains("howdy, [72, 111, 87, 100, 89], -273.154");
            assertThatThrownBy(() -> sl.get(7)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> sl.set(7, 2L)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(sl.set(0, "howdy")).isEqualTo("howdy");
            assertThat(sl.size()).isEqualTo(7);
            assertThat(sl.indexOf("100")).isEqualTo(-1);
            assertThat(sl.indexOf(100L)).as("an int is stored as a long").isEqualTo(3);
            assertThat(sl.get(0)).isEqualTo("howdy");
            assertThat(sl.get(5)).isEqualTo(true);
            assertThat(sl).containsExactly("howdy", bytes("HoWdY"), -273.154, 100L, null, true, 42L);

            sl.set(3, 42);
            assertThat(sl.get(3)).isEqualTo(42L);
            sl.set(4, "some");
            assertThat(sl.get(4)).as("null's slot of 8 bytes takes a string of 4").isEqualTo("some");
            assertThatThrownBy(() -> sl.set(4, "far too many")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("item 4").hasMessageContaining("at most 8 bytes").hasMessageContaining("12");
            assertThat(sl.get(4)).isEqualTo("some");
            sl.set(0, "encodés");
            assertThat(sl.get(0)).as("exactly 8 bytes of UTF-8").isEqualTo("encodés");
            assertThat(sl.get(1)).isEqualTo(bytes("HoWdY"));
            assertThatThrownBy(() -> sl.set(0, "encodées")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sl.set(1, bytes("123456789"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(sl.get(1)).isEqualTo(bytes("HoWdY"));
            assertThat(Collections.frequency(sl, 42L)).isEqualTo(2);
            assertThat(sl.stream().filter(item -> item instanceof byte[] && Arrays.equals((byte[]) item, bytes("HoWdY"))))
                    .hasSize(1);

            String duplicateName = freshName();
            ShareableList copy = mp.shareableList(duplicateName, sl, 0);
            try {
                assertThat(copy.name()).isEqualTo(duplicateName).isNotEqualTo(sl.name());
                assertThat(copy).containsExactlyElementsOf(sl);
                copy.set(6, 77L);
                assertThat(copy.get(6)).isEqualTo(77L);
                assertThat(sl.get(6)).isEqualTo(42L);
            } finally {
                discardList(copy);
            }

            try (ShareableList tethered = mp.attachShareableList(sl.name())) {
                assertThat(tethered.name()).isEqualTo(sl.name());
                tethered.set(6, 880L);
                assertThat(sl.get(6)).isEqualTo(880L);
            }
        } finally {
            discardList(sl);
        }

        ShareableList empty = mp.shareableList(List.of());
        try {
            assertThat(empty).isEmpty();
            assertThat(empty.indexOf(null)).isEqualTo(-1);
        } finally {
            discardList(empty);
        }
    }

    @Test
    void everyTypeWrittenByAChildIsReadByTheParentTrailingZerosAndEmptyArraysIncluded() throws Exception {
        ShareableList list = context().shareableList(Collections.nCopies(8, null), 16);
        try {
            ChildProcess child = start(() -> {
                list.set(0, Long.MIN_VALUE);
                list.set(1, -0.0);
                list.set(2, false);
                list.set(3, "nul at the end\0");
                list.set(4, new byte[] {0, 1, 0, 0});
                list.set(5, new byte[0]);
                list.set(6, "");
                list.set(7, "€uro");
            });
            assertExitsCleanly(child);
            assertThat(list).containsExactly(Long.MIN_VALUE, -0.0, false, "nul at the end\0", new byte[] {0, 1, 0, 0},
                    new byte[0], "", "€uro");
            assertThat(Double.doubleToRawLongBits((Double) list.get(1))).isEqualTo(Double.doubleToRawLongBits(-0.0));

            list.set(0, null);
            list.set(1, Double.NaN);
            list.set(2, 1.5f);
            assertExitsCleanly(start(() -> {
                if (list.get(0) != null || !((Double) list.get(1)).isNaN() || !list.get(2).equals(1.5)) {
                    throw new IllegalStateException("the child read " + list);
                }
            }));
        } finally {
            discardList(list);
        }
    }

    @Test
    void aSlotHoldsItsItemsLengthOrTheLeastSizeGivenRoundedUpToEightAndRefusesMoreLeavingTheOldValue() {
        ProcessContext mp = context();
        ShareableList list = mp.shareableList(Arrays.asList("", "twelve bytes", null, 7L), 20);
        try {
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.capacity(i)).as("item %d", i).isEqualTo(24);
            }
            list.set(0, "x".repeat(24));
            list.set(3, new byte[24]);
            assertThatThrownBy(() -> list.set(1, "y".repeat(25))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("item 1").hasMessageContaining("at most 24 bytes")
                    .hasMessageContaining("has 25");
            assertThat(list.get(1)).isEqualTo("twelve bytes");
            assertThat(list.get(0)).isEqualTo("x".repeat(24));
        } finally {
            discardList(list);
        }
        ShareableList sized = mp.shareableList(Arrays.asList("", "nine char", 1L, bytes("12345678")));
        try {
            assertThat(List.of(sized.capacity(0), sized.capacity(1), sized.capacity(2), sized.capacity(3)))
                    .containsExactly(8, 16, 8, 8);
            assertThatThrownBy(() -> sized.capacity(4)).isInstanceOf(IndexOutOfBoundsException.class);
        } finally {
            discardList(sized);
        }
        assertThatThrownBy(() -> mp.shareableList(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesOfOtherClassesAreRefusedWithClassCastExceptionAndTheLengthNeverChanges() {
        ProcessContext mp = context();
        assertThatThrownBy(() -> mp.shareableList(List.of(new Object()))).isInstanceOf(ClassCastException.class);
        ShareableList list = mp.shareableList(List.of(1L, "two"));
        try {
            assertThatThrownBy(() -> list.set(0, 'c')).isInstanceOf(ClassCastException.class)
                    .hasMessageContaining("java.lang.Character");
            assertThatThrownBy(() -> list.set(1, List.of())).isInstanceOf(ClassCastException.class);
            assertThatThrownBy(() -> list.add(3L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.add(0, 3L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.remove("two")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThat(list).containsExactly(1L, "two");
        } finally {
            discardList(list);
        }
    }

    @Test
    void aClosedListRefusesItsItemsButNotItsNameOrSizeWhileOtherViewsKeepTheirs() throws Exception {
        ProcessContext mp = context();
        ShareableList list = mp.shareableList(List.of("kept", 2L));
        ShareableList other = mp.attachShareableList(list.name());
        list.close();
        list.close();
        try {
            assertThatThrownBy(() -> list.get(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> list.set(1, 3L)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> list.shm().getByte(0)).isInstanceOf(IllegalStateException.class);
            assertThat(list.size()).isEqualTo(2);
            assertThat(list.toString()).contains(list.name()).contains("closed");
            assertThat(other).containsExactly("kept", 2L);
        } finally {
            other.close();
            assertThat(list.unlink()).isTrue();
        }
        assertThatThrownBy(() -> mp.attachShareableList(list.name())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aBlockThatIsNotAListIsRefusedWhenAttachedAsOne() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(4096);
        try {
            assertThatThrownBy(() -> mp.attachShareableList(block.name())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(block.name()).hasMessageContaining("not a shareable list");
        } finally {
            discard(block);
        }
    }

    @Test
    void aListMadeByCPythonIsRefusedAsNotOneOfThisLibrarysLayout() throws Exception {
        assumeCPython();
        Process python = python("""
                import sys
                from multiprocessing import shared_memory
                sl = shared_memory.ShareableList(["made in Python", 42])
                print(sl.shm.name, flush=True)
                sys.stdin.readline()
                sl.shm.close()
                sl.shm.unlink()
                """);
        BufferedReader out = output(python);
        String name = out.readLine();
        try (PrintStream in = new PrintStream(python.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThatThrownBy(() -> context().attachShareableList(name)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name).hasMessageContaining("not a shareable list");
            in.println();
        }
        assertThat(untilExit(python, out)).isEmpty();
    }

    @Test
    void aChildAttachesAListByNameAndItsWritesAreReadHere() throws Exception {
        ProcessContext mp = context();
        ShareableList list = mp.shareableList(freshName(), List.of("from the parent", 0L), 0);
        try {
            String name = list.name();
            assertExitsCleanly(start(() -> {
                try (ShareableList seen = mp.attachShareableList(name)) {
                    seen.set(1, seen.get(0).equals("from the parent") ? 1L : -1L);
                    seen.set(0, "from the child!");
                }
            }));
            assertThat(list).containsExactly("from the child!", 1L);
        } finally {
            discardList(list);
        }
    }

    @Test
    void aListCrossesInATargetThroughAQueueThroughAPipeAndAsPoolTaskArgumentsAsTheSameItems() throws Exception {
        ProcessContext mp = context();
        ShareableList list = mp.shareableList(Arrays.asList(0L, 0L, 0L, 0L, 0L, 0L));
        ProcessQueue<ShareableList> queue = mp.queue();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            assertExitsCleanly(start(() -> list.set(0, 10L)));
            queue.put(list);
            assertExitsCleanly(start(() -> {
                try (ShareableList received = queue.take()) {
                    received.set(1, 11L);
                }
            }));
            Pipe pipe = mp.pipe();
            PipeEnd childEnd = pipe.right();
            ChildProcess receiver = start(() -> childEnd.recv(ShareableList.class).set(5, 15L));
            pipe.left().send(list);
            assertExitsCleanly(receiver);
            List<String> names = pool.starmap((ShareableList view, Integer slot) -> {
                view.set(slot, 10L + slot);
                view.close();
                return view.name();
            }, List.of(Map.entry(list, 2), Map.entry(list, 3), Map.entry(list, 4)));
            assertThat(names).containsOnly(list.name());
            assertThat(list).containsExactly(10L, 11L, 12L, 13L, 14L, 15L);
        } finally {
            discardList(list);
        }
    }

    @Test
    void readersHereNeverSeeATornItemWhileAChildRewritesItWithValuesOfOtherLengthsAndTypes() throws Exception {
        ProcessContext mp = context();
        // long values, so that a read takes long enough for writes to overtake it
        int capacity = 1 << 15;
        ShareableList list = mp.shareableList(Arrays.asList("a", 0L), capacity);
        ProcessEvent stop = mp.event();
        ProcessSemaphore writing = mp.semaphore(0);
        ChildProcess writer = start(() -> {
            writing.release();
            for (int i = 1; !stop.isSet(); i++) {
                // one letter repeated, of lengths spread over the capacity, or as many bytes
                int length = 1 + i * 7919 % capacity;
                if (i % 3 == 0) {
                    byte[] bytes = new byte[length];
                    Arrays.fill(bytes, (byte) 'c');
                    list.set(0, bytes);
                } else {
                    list.set(0, String.valueOf(i % 3 == 1 ? 'a' : 'b').repeat(length));
                }
                list.set(1, (long) i);
            }
        });
        try {
            writing.acquire();
            List<Class<?>> kinds = new ArrayList<>();
            for (int reads = 0; reads < 20_000 || kinds.size() < 2; reads++) {
                Object read = list.get(0);
                if (read instanceof String) {
                    String text = (String) read;
                    char letter = text.isEmpty() ? '?' : text.charAt(0);
                    if ((letter != 'a' && letter != 'b') || text.chars().anyMatch(c -> c != letter)) {
                        throw new AssertionError("a torn string of " + text.length() + " letters");
                    }
                } else {
                    byte[] bytes = (byte[]) read;
                    byte[] whole = new byte[bytes.length];
                    Arrays.fill(whole, (byte) 'c');
                    if (bytes.length == 0 || !Arrays.equals(bytes, whole)) {
                        throw new AssertionError("a torn array of " + bytes.length + " bytes");
                    }
                }
                if (!kinds.contains(read.getClass())) {
                    kinds.add(read.getClass());
                }
                assertThat(list.get(1)).isInstanceOf(Long.class);
            }
        } finally {
            stop.set();
            assertExitsCleanly(writer);
            discardList(list);
        }
    }

    @Test
    void writersInTwoChildrenTakeTurnsSoEveryValueSetIsReplacedExactlyOnce() throws Exception {
        ProcessContext mp = context();
        ShareableList list = mp.shareableList(Arrays.asList(0L, "padding"));
        ProcessQueue<List<Object>> replaced = mp.queue();
        int sets = 5_000;
        try {
            runInChildrenAtOnce(2, 1, () -> {
                long first = 1 + (long) sets * mp.currentProcess().pid();
                List<Object> olds = new ArrayList<>();
                for (long value = first; value < first + sets; value++) {
                    olds.add(list.set(0, value));
                }
                replaced.put(olds);
            });
            List<Object> olds = new ArrayList<>(replaced.take());
            olds.addAll(replaced.take());
            olds.add(list.get(0));
            // what was replaced, and what is left, is each value set once, and the first one
            assertThat(olds).hasSize(2 * sets + 1).doesNotHaveDuplicates().contains(0L);
        } finally {
            discardList(list);
        }
    }

    @Test
    void testSharedMemoryShareableListPickling_aListSerializedAndReadBackIsAnotherViewOfTheSameItems()
            throws Exception {
        ShareableList list = context().shareableList(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
        try {
            ShareableList copy = roundTrip(list);
            assertThat(copy).isNotSameAs(list);
            assertThat(copy.get(9)).isEqualTo(9L);
            copy.set(4, "changed");
            assertThat(list.get(4)).isEqualTo("changed");
            list.set(3, "newvalue");
            assertThat(copy.get(3)).isEqualTo("newvalue");
            copy.close();
            assertThat(list.get(3)).as("the copy's view is its own").isEqualTo("newvalue");
            ShareableList larger = context().shareableList(Collections.nCopies(400, 0L));
            try {
                assertThat(serialized(larger)).as("a list crosses as its block's name, whatever its length")
                        .hasSameSizeAs(serialized(list));
            } finally {
                discardList(larger);
            }
        } finally {
            discardList(list);
        }
    }

    @Test
    void testSharedMemoryShareableListPicklingDeadObject_aListWhoseBlockWasUnlinkedCannotBeReadBack()
            throws IOException {
        ShareableList list = context().shareableList(List.of(0L, 1L, 2L));
        byte[] serialized;
        try {
            serialized = serialized(list);
        } finally {
            discardList(list);
        }
        assertThatThrownBy(() -> deserialized(serialized)).isInstanceOf(InvalidObjectException.class).hasMessageContaining(list.name());
    }

    @Test
    void aHundredThousandListsMadeClosedAndUnlinkedKeepTheMappingsAndTheBlockDirectoryBounded() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isReadable(maps) && Files.isDirectory(shm), "no /proc/self/maps or /dev/shm here");
        ProcessContext mp = context();
        String prefix = freshName() + "-";
        long before = mappings(maps);
        long most = before;
        for (int i = 0; i < 100_000; i++) {
            ShareableList list = mp.shareableList(prefix + i, List.of((long) i, "item"), 0);
            list.set(0, list.get(0));
            list.close();
            list.unlink();
            if (i % 5_000 == 0) {
                most = Math.max(most, mappings(maps));
            }
        }
        most = Math.max(most, mappings(maps));
        // closed views' pages merge into few kernel mappings (decision 0020); one a list would be 100 000
        assertThat(most - before).as("mappings more than at the start").isLessThan(10_000);
        try (Stream<Path> left = Files.list(shm)) {
            assertThat(left.filter(file -> file.getFileName().toString().startsWith(prefix))).isEmpty();
        }
    }

    private static long mappings(Path maps) throws IOException {
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.count();
        }
    }
}
