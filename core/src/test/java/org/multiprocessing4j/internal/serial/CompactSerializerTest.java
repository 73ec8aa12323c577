package org.multiprocessing4j.internal.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;

/** What is particular to the compact form: which values take it, and how it reads bad bytes. */
class CompactSerializerTest {

    private final Serializer serializer = Serializer.standard();

    record Range(int low, int high) implements Serializable {
        Range {
            if (low > high) {
                throw new IllegalArgumentException(low + " > " + high);
            }
        }
    }

    record Replaced(String name) implements Serializable {
        private Object writeReplace() {
            return "replaced " + name;
        }
    }

    /** Two records whose names have the same {@code String.hashCode()}, as "Aa" and "BB" do. */
    record Aa(int value) implements Serializable {
    }

    record BB(int value) implements Serializable {
    }

    /** A record that is not serializable, which no peer may make this process build. */
    record Unmarked() {
    }

    private ByteBuffer written(Object value) {
        return serializer.serialize(value, ByteBuffer.allocate(64)).flip();
    }

    @Test
    void aSmallListOfPlainValuesTakesTheCompactForm() {
        ByteBuffer bytes = written(List.of("u", 7, "hello"));

        assertThat(bytes.get(0)).isEqualTo(CompactFormat.LIST_OF);
        assertThat(bytes.remaining()).isEqualTo(1 + 4 + (1 + 4 + 1) + (1 + 4) + (1 + 4 + 5));
    }

    @Test
    void aListOfIntegersTravelsAsBareIntsInEitherByteOrderInHeapAndDirectBuffers() throws Exception {
        List<Integer> numbers = List.of(1, -2, 300_000, Integer.MIN_VALUE, Integer.MAX_VALUE);
        List<List<Integer>> lists = List.of(numbers, new ArrayList<>(numbers), Arrays.asList(numbers.toArray(Integer[]::new)),
                Stream.of(4, 5).toList());
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (ByteBuffer empty : List.of(ByteBuffer.allocate(8), ByteBuffer.allocateDirect(64),
                    ByteBuffer.allocate(80).position(8).slice())) {
                for (List<Integer> list : lists) {
                    ByteBuffer bytes = serializer.serialize(list, empty.clear().order(order)).flip();

                    assertThat(bytes.get(0) & CompactFormat.INTS).isEqualTo(CompactFormat.INTS);
                    assertThat(bytes.remaining()).isEqualTo(1 + 4 + 4 * list.size());
                    assertThat(bytes.getInt(1 + 4)).isEqualTo(list.get(0));
                    assertThat(serializer.deserialize(bytes)).isEqualTo(list).hasSameClassAs(list);
                }
            }
        }
    }

    @Test
    void aListOfIntegersWithAnotherValueAtItsEndIsWrittenValueByValue() throws Exception {
        List<Object> mixed = new ArrayList<>(List.of(1, 2, 3));
        mixed.add(4L);
        List<Integer> withNull = Arrays.asList(1, 2, null);

        ByteBuffer bytes = written(mixed);

        assertThat(bytes.get(0)).isEqualTo(CompactFormat.ARRAY_LIST);
        assertThat(serializer.deserialize(bytes)).isEqualTo(mixed);
        assertThat(written(withNull).get(0)).isEqualTo(CompactFormat.ARRAYS_AS_LIST);
        assertThat(serializer.deserialize(written(withNull))).isEqualTo(withNull);
    }

    @Test
    void aValueWithAnyPartOutsideTheCompactFormIsWrittenWholeByTheJdk() {
        assertThat(written(List.of("u", new TreeMap<>())).get(0)).isEqualTo(CompactFormat.JDK);
    }

    @Test
    void aMutableCollectionMetTwiceSendsTheWholeValueToTheJdk() {
        List<String> shared = new ArrayList<>();

        assertThat(written(List.of(shared, shared)).get(0)).isEqualTo(CompactFormat.JDK);
        assertThat(written(List.of(new ArrayList<>(), new ArrayList<>())).get(0)).isEqualTo(CompactFormat.LIST_OF);
    }

    @Test
    void manyDistinctMutableCollectionsStayCompact() throws Exception {
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lists.add(new ArrayList<>(List.of(i)));
        }

        ByteBuffer bytes = written(lists);

        assertThat(bytes.get(0)).isEqualTo(CompactFormat.ARRAY_LIST);
        assertThat(serializer.deserialize(bytes)).isEqualTo(lists);
    }

    @Test
    void aLambdaOnItsOwnTakesTheTargetCodecsForm() {
        SerializableRunnable task = () -> { };

        assertThat(written(task).get(0)).isEqualTo(CompactFormat.TARGET);
    }

    @Test
    void aRecordWithWriteReplaceGoesToTheJdkWhichHonoursIt() throws Exception {
        ByteBuffer bytes = written(new Replaced("x"));

        assertThat(bytes.get(0)).isEqualTo(CompactFormat.JDK);
        assertThat(serializer.deserialize(bytes)).isEqualTo("replaced x");
    }

    @Test
    void aListFromStreamToListKeepsItsNulls() throws Exception {
        List<String> withNull = Stream.of("a", null, "c").toList();

        Object copy = serializer.deserialize(written(withNull));

        assertThat(copy).isEqualTo(withNull).hasSameClassAs(withNull);
    }

    @Test
    void aRecordIsBuiltThroughItsConstructorWhichMayRefuseTheValues() {
        ByteBuffer bytes = written(new Range(1, 2));
        int lowAt = bytes.limit() - 2 * 5 + 1;
        bytes.putInt(lowAt, 3);

        assertThatThrownBy(() -> serializer.deserialize(bytes))
                .isInstanceOf(InvalidObjectException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordClassMissingHereIsReportedAsMissing() {
        ByteBuffer bytes = record("com.example.NoSuchRecord");

        assertThatThrownBy(() -> serializer.deserialize(bytes)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void classesWhoseNamesShareAHashAreNotMistakenForEachOther() throws Exception {
        assertThat(Aa.class.getName().hashCode()).isEqualTo(BB.class.getName().hashCode());

        for (Object value : List.of(new Aa(1), new BB(2), new Aa(3), new BB(4))) {
            assertThat(serializer.deserialize(written(value))).isEqualTo(value);
        }
    }

    @Test
    void aClassReadBeforeIsStillCheckedByTheNextReadersFilter() throws Exception {
        Range range = new Range(1, 2);
        assertThat(serializer.deserialize(written(range))).isEqualTo(range);
        Serializer filtered = serializer.withClassFilter(name -> false);

        assertThatThrownBy(() -> filtered.deserialize(written(range)))
                .isInstanceOfSatisfying(InvalidClassException.class,
                        e -> assertThat(e.classname).isEqualTo(Range.class.getName()));
    }

    @Test
    void aRecordThatIsNotSerializableIsRefusedWhenRead() {
        ByteBuffer bytes = record(Unmarked.class.getName());

        assertThatThrownBy(() -> serializer.deserialize(bytes))
                .isInstanceOfSatisfying(InvalidClassException.class,
                        e -> assertThat(e.classname).isEqualTo(Unmarked.class.getName()));
    }

    @Test
    void aFilterRefusesAClassBeforeLookingForIt() {
        ByteBuffer bytes = record("com.example.NoSuchRecord");
        Serializer filtered = serializer.withClassFilter(name -> false);

        assertThatThrownBy(() -> filtered.deserialize(bytes))
                .isInstanceOfSatisfying(InvalidClassException.class,
                        e -> assertThat(e.classname).isEqualTo("com.example.NoSuchRecord"));
    }

    @Test
    void aFilteredReaderRefusesALambdaInTheTargetCodecsForm() {
        SerializableRunnable task = () -> { };
        ByteBuffer bytes = written(task);
        Serializer filtered = serializer.withClassFilter(name -> true);

        assertThatThrownBy(() -> filtered.deserialize(bytes)).isInstanceOf(InvalidClassException.class);
    }

    @Test
    void aValueCutShortFailsAsEndOfData() {
        ByteBuffer bytes = written(List.of("u", 7, "hello"));

        assertThatThrownBy(() -> serializer.deserialize(bytes.limit(bytes.limit() - 1)))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> serializer.deserialize(ByteBuffer.allocate(0))).isInstanceOf(EOFException.class);
    }

    @Test
    void bytesLeftAfterTheValueAreReportedAsCorrupt() {
        ByteBuffer bytes = ByteBuffer.allocate(8).put(CompactFormat.NULL).put(CompactFormat.NULL).flip();

        assertThatThrownBy(() -> serializer.deserialize(bytes)).isInstanceOf(StreamCorruptedException.class);
    }

    @Test
    void anUnknownTagIsReportedAsCorrupt() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0x7F});

        assertThatThrownBy(() -> serializer.deserialize(bytes)).isInstanceOf(StreamCorruptedException.class);
    }

    @Test
    void aHugeCountIsRefusedBeforeAnythingIsAllocatedForIt() {
        ByteBuffer bytes = ByteBuffer.allocate(16).put(CompactFormat.BYTES).putInt(Integer.MAX_VALUE).flip();

        assertThatThrownBy(() -> serializer.deserialize(bytes)).isInstanceOf(EOFException.class);
    }

    @Test
    void nullsAHostileListOfWouldHoldAreReportedAsCorrupt() {
        ByteBuffer bytes = ByteBuffer.allocate(16).put(CompactFormat.LIST_OF).putInt(1).put(CompactFormat.NULL).flip();

        assertThatThrownBy(() -> serializer.deserialize(bytes)).isInstanceOf(StreamCorruptedException.class);
    }

    @Test
    void bigEndianAndLittleEndianBuffersEachReadWhatTheyWrote() throws Exception {
        Object value = List.of(0x01020304, "\u4e2d", 2.5);
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            ByteBuffer buffer = ByteBuffer.allocate(4).order(order);
            ByteBuffer bytes = serializer.serialize(value, buffer).flip();

            assertThat(bytes.order()).isEqualTo(buffer.order());
            assertThat(serializer.deserialize(bytes)).isEqualTo(value);
        }
    }

    /** The compact form of a record with no components, by class name. */
    private static ByteBuffer record(String className) {
        byte[] name = className.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(256).put(CompactFormat.RECORD).putInt(className.hashCode()).put(CompactFormat.LATIN1)
                .putInt(name.length).put(name).putInt(0).flip();
    }

    @Test
    void aSerializerWithAFilterCrossesProcessesWhenItsFilterIs() throws Exception {
        Predicate<String> allowed = (Predicate<String> & Serializable) name -> name.startsWith("com.example.");
        Serializer filtered = serializer.withClassFilter(allowed);

        Serializer copy = (Serializer) JdkSerializer.fromBytes(JdkSerializer.toBytes(filtered, "test"));

        assertThat(copy).isNotSameAs(Serializer.standard()).isInstanceOf(CompactSerializer.class);
        assertThat(Arrays.asList(copy.deserialize(written(List.of("plain"))))).containsExactly(List.of("plain"));
    }
}
