package org.multiprocessing4j.python;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.UnserializableObjectException;

class PickleSerializerTest {

    private final PickleSerializer pickle = PickleSerializer.instance();

    @Test
    @SuppressWarnings("unchecked")
    void everyMappedTypeComesBackAsItsDocumentedJavaType() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("none", null);
        value.put("bool", true);
        value.put("small", 42);
        value.put("long", 1L << 40);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("negative big", new BigInteger("-98765432109876543210"));
        value.put("float", 2.5);
        value.put("text", "naïve – 日本 🐍");
        value.put("bytes", new byte[] {0, 1, (byte) 255});
        value.put("list", List.of(1, List.of("nested", List.of())));
        value.put("tuple", new Object[] {"a", 1});
        value.put("set", Set.of("x", new Object[] {1, 2}));

        Map<String, Object> back = (Map<String, Object>) roundTrip(value);

        assertThat(back).isInstanceOf(LinkedHashMap.class);
        assertThat(back.keySet()).as("in the order written").containsExactlyElementsOf(value.keySet());
        assertThat(back.get("none")).isNull();
        assertThat(back.get("bool")).isEqualTo(true);
        assertThat(back.get("small")).isEqualTo(42);
        assertThat(back.get("long")).isEqualTo(1L << 40);
        assertThat(back.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(back.get("negative big")).isEqualTo(new BigInteger("-98765432109876543210"));
        assertThat(back.get("float")).isEqualTo(2.5);
        assertThat(back.get("text")).isEqualTo("naïve – 日本 🐍");
        assertThat((byte[]) back.get("bytes")).containsExactly(0, 1, 255);
        assertThat(back.get("list")).isInstanceOf(ArrayList.class).isEqualTo(List.of(1, List.of("nested", List.of())));
        assertThat((Object[]) back.get("tuple")).containsExactly("a", 1);
        assertThat((Set<Object>) back.get("set")).hasSize(2).contains("x");
    }

    @Test
    void anIntComesBackAsTheSmallestTypeThatHoldsIt() throws IOException {
        assertThat(roundTrip(5L)).isEqualTo(5);
        assertThat(roundTrip((short) -3)).isEqualTo(-3);
        assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip(BigInteger.TWO.pow(64))).isEqualTo(BigInteger.TWO.pow(64));
    }

    @Test
    void sharedReferencesAndAListThatHoldsItselfArriveAsOneObject() throws IOException {
        List<Object> shared = new ArrayList<>(List.of("shared"));
        List<Object> outer = new ArrayList<>(List.of(shared, shared));
        outer.add(outer);

        List<?> back = (List<?>) roundTrip(outer);

        assertThat(back.get(0)).isSameAs(back.get(1));
        assertThat(back.get(2)).isSameAs(back);
    }

    @Test
    void whatPythonHasNoValueForFailsInTheSenderNamingItsClass() {
        record Point(int x, int y) {
        }
        assertThatThrownBy(() -> pickle.serialize(List.of(new Point(1, 2)), ByteBuffer.allocate(64)))
                .isInstanceOf(UnserializableObjectException.class).hasMessageContaining(Point.class.getName());
        assertThatThrownBy(() -> pickle.serialize(LocalDate.of(2026, 12, 2), ByteBuffer.allocate(64)))
                .isInstanceOf(UnserializableObjectException.class).hasMessageContaining("java.time.LocalDate");
        assertThatThrownBy(() -> pickle.serialize(new int[] {1}, ByteBuffer.allocate(64)))
                .isInstanceOf(UnserializableObjectException.class).hasMessageContaining("[I");
        assertThatThrownBy(() -> pickle.serialize(new ArrayDeque<>(List.of(1)), ByteBuffer.allocate(64)))
                .isInstanceOf(UnserializableObjectException.class).hasMessageContaining("java.util.ArrayDeque");
    }

    @Test
    void aKeyOrSetElementPythonCannotHashFailsInTheSender() {
        assertThatThrownBy(() -> pickle.serialize(Map.of(List.of(1), "v"), ByteBuffer.allocate(64)))
                .isInstanceOf(UnserializableObjectException.class).hasMessageContaining("hash");
        assertThatThrownBy(() -> pickle.serialize(Set.of(new Object[] {Map.of()}), ByteBuffer.allocate(64)))
                .isInstanceOf(UnserializableObjectException.class).hasMessageContaining("hash");
    }

    @Test
    void aPickleNamingOsSystemIsRefusedAtTheGlobal() {
        // protocol 0: os.system("echo hacked"), as pickle.dumps writes it for a crafted __reduce__
        byte[] crafted = "cos\nsystem\n(S'echo hacked'\ntR.".getBytes(ISO_8859_1);

        assertThatThrownBy(() -> read(crafted)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("os.system");
    }

    @Test
    void aGlobalNamedOnTheStackIsRefusedToo() {
        // protocol 4: SHORT_BINUNICODE "builtins", SHORT_BINUNICODE "eval", STACK_GLOBAL
        byte[] crafted = bytes(0x80, 4, 0x8c, 8, "builtins", 0x8c, 4, "eval", 0x93, 0x8c, 1, "1", 0x85, 'R', '.');

        assertThatThrownBy(() -> read(crafted)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("builtins.eval");
    }

    @Test
    void aClassThePickleLibraryWouldBuildIsRefused() {
        // the library itself maps datetime.datetime to a Calendar; peers get plain values only
        byte[] crafted = "cdatetime\ndatetime\n(tR.".getBytes(ISO_8859_1);

        assertThatThrownBy(() -> read(crafted)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("datetime.datetime");
    }

    @Test
    void opcodesThatBuildOrLookUpObjectsAreRefused() {
        // EMPTY_DICT then BUILD; and a persistent id
        assertThatThrownBy(() -> read(bytes(0x80, 2, '}', '}', 'b', '.'))).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("0x62");
        assertThatThrownBy(() -> read("Pid\n.".getBytes(ISO_8859_1))).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("0x50");
    }

    @Test
    void aForgedLengthIsRefusedBeforeAnythingIsAllocated() {
        // BINBYTES announcing 2 GiB - 1 with three bytes behind it
        byte[] forged = bytes(0x80, 3, 'B', 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, '.');

        assertThatThrownBy(() -> read(forged)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("2147483647 bytes");
    }

    @Test
    void bytesThatAreNoPickleFailAsInvalidObjects() {
        assertThatThrownBy(() -> read(bytes(0x80, 2, ']', 'a', '.'))).isInstanceOf(InvalidObjectException.class);
        assertThatThrownBy(() -> read(bytes(0xff))).isInstanceOf(InvalidObjectException.class);
    }

    @Test
    void aKeyOrSetElementPythonCouldNotHashIsRefusedAsItIsRead() {
        // EMPTY_DICT, MARK, EMPTY_LIST, NONE, SETITEMS: a list as a key
        assertThatThrownBy(() -> read(bytes(0x80, 2, '}', '(', ']', 'N', 'u', '.')))
                .isInstanceOf(InvalidObjectException.class).hasMessageContaining("cannot hash");
        // EMPTY_SET, MARK, EMPTY_LIST, ADDITEMS
        assertThatThrownBy(() -> read(bytes(0x80, 4, 0x8f, '(', ']', 0x90, '.')))
                .isInstanceOf(InvalidObjectException.class).hasMessageContaining("cannot hash");
        // set([[]]) through the global
        assertThatThrownBy(() -> read("c__builtin__\nset\n((]ltR.".getBytes(ISO_8859_1)))
                .isInstanceOf(InvalidObjectException.class).hasMessageContaining("cannot hash");
    }

    @Test
    void whatAPickleLeavesThatIsNoPlainValueIsRefused() {
        assertThatThrownBy(() -> read("cbuiltins\nset\n.".getBytes(ISO_8859_1)))
                .isInstanceOf(InvalidObjectException.class).hasMessageContaining("no plain value");
        // an APPEND with nothing to append to, and other malformed ones, fail as invalid objects
        for (String malformed : List.of("NNa.", "N)R.", "N(NNu.", ".")) {
            assertThatThrownBy(() -> read(malformed.getBytes(ISO_8859_1))).as(malformed)
                    .isInstanceOf(InvalidObjectException.class);
        }
    }

    @Test
    void anIntOfMoreDigitsThanCPythonReadsIsRefused() throws IOException {
        byte[] huge = ("L" + "9".repeat(5000) + "L\n.").getBytes(ISO_8859_1);

        assertThatThrownBy(() -> read(huge)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("4300 digits");
        assertThat(roundTrip(new BigInteger("9".repeat(4000)))).isEqualTo(new BigInteger("9".repeat(4000)));
    }

    @Test
    void appendsInManyBatchesBuildOneListInOrder() throws IOException {
        // the reader's own APPENDS (the library's trims the list after each batch): 20 000
        // batches of one int each, then one of two
        ByteBuffer pickle = ByteBuffer.allocate(8 * 20_000 + 16);
        pickle.put((byte) ']');
        for (int i = 0; i < 20_000; i++) {
            pickle.put((byte) '(').put((byte) 'K').put((byte) (i % 100)).put((byte) 'e');
        }
        pickle.put((byte) '(').put((byte) 'N').put((byte) 'N').put((byte) 'e').put((byte) '.');

        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) this.pickle.deserialize(pickle.flip());
        assertThat(list).hasSize(20_002);
        assertThat(list.subList(0, 3)).containsExactly(0, 1, 2);
        assertThat(list.get(19_999)).isEqualTo(99);
        assertThat(list.subList(20_000, 20_002)).containsOnlyNulls();
    }

    @Test
    void aValueNestedTooDeeplyFailsInTheSenderAsAnArgument() {
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int i = 0; i < 100_000; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertThatThrownBy(() -> pickle.serialize(deep, ByteBuffer.allocate(64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nests deeper");
    }

    @Test
    void withClassFilterChangesNothingSinceNoJavaClassIsEverChosen() {
        assertThat(pickle.withClassFilter(name -> false)).isSameAs(pickle);
    }

    private Object roundTrip(Object value) throws IOException {
        ByteBuffer written = pickle.serialize(value, ByteBuffer.allocate(8));
        return pickle.deserialize(written.flip());
    }

    private Object read(byte[] pickled) throws IOException {
        return pickle.deserialize(ByteBuffer.wrap(pickled));
    }

    /** Bytes of ints and strings (Latin-1), for hand-made pickles. */
    private static byte[] bytes(Object... parts) {
        ByteBuffer out = ByteBuffer.allocate(256);
        for (Object part : parts) {
            if (part instanceof String text) {
                out.put(text.getBytes(ISO_8859_1));
            } else if (part instanceof Character c) {
                out.put((byte) c.charValue());
            } else {
                out.put((byte) (int) (Integer) part);
            }
        }
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }
}
