package org.multiprocessing4j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessContext;

/**
 * {@link CPythonShareableList} against CPython's own {@code ShareableList} of {@code python3}: a
 * list made here read and changed there, and the other way round; and in a Java child, and alone
 * (the layout's rules without CPython).
 */
@Timeout(120)
class CPythonShareableListIT {

    private final ProcessContext context = Multiprocessing.context();

    /**
     * Attaches the list named argv[1] without letting CPython's resource tracker unlink it at exit
     * (before 3.13 an attacher registers the block as its own), prints it, changes three items.
     */
    private static final String ATTACHER = """
            import sys
            from multiprocessing import resource_tracker
            from multiprocessing.shared_memory import ShareableList
            sl = ShareableList(name=sys.argv[1])
            resource_tracker.unregister(sl.shm._name, "shared_memory")
            print(repr(list(sl)), flush=True)
            sl[0] = -7
            sl[2] = "was true"
            sl[4] = "short"
            sl.shm.close()
            """;

    /** Makes a list, prints its name, waits for a line, prints the list, then unlinks it. */
    private static final String CREATOR = """
            import sys
            from multiprocessing.shared_memory import ShareableList
            sl = ShareableList([2**40, 0.25, False, None, "ünïcode!", b"raw", "x" * 20])
            print(sl.shm.name, flush=True)
            sys.stdin.readline()
            print(repr(list(sl)), flush=True)
            sl.shm.close()
            sl.shm.unlink()
            """;

    @Test
    void cpythonReadsAndChangesAListMadeHere() throws Exception {
        CPython.assumeAvailable("python3");
        try (CPythonShareableList list = CPythonShareableList.create(context,
                Arrays.asList(1, 2.5, true, null, "naïve text", new byte[] {0, 'a', 'b'}))) {
            Process python = CPython.run("python3", ATTACHER, list.name());
            assertThat(CPython.output(python))
                    .containsExactly("[1, 2.5, True, None, 'naïve text', b'\\x00ab']");
            assertThat(list.get(0)).isEqualTo(-7L);
            assertThat(list.get(2)).isEqualTo("was true");
            assertThat(list.get(4)).isEqualTo("short");
            assertThat(list.get(3)).isNull();
            list.unlink();
        }
    }

    @Test
    void aListMadeByCPythonIsReadAndChangedHereAndCPythonSeesTheChange() throws Exception {
        CPython.assumeAvailable("python3");
        Process python = CPython.run("python3", CREATOR);
        BufferedReader out = CPython.reader(python);
        String name = out.readLine();
        try (CPythonShareableList list = CPythonShareableList.attach(context, name)) {
            assertThat(list).hasSize(7);
            assertThat(list.subList(0, 5)).containsExactly(1L << 40, 0.25, false, null, "ünïcode!");
            assertThat((byte[]) list.get(5)).containsExactly('r', 'a', 'w');
            list.set(1, "ok");                         // a string in a float's 8 bytes
            assertThatThrownBy(() -> list.set(6, "far more than twenty-four bytes"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room for 24 bytes, not 31");
        }
        python.getOutputStream().write('\n');
        python.getOutputStream().flush();
        assertThat(CPython.untilExit(python, out))
                .containsExactly("[1099511627776, 'ok', False, None, 'ünïcode!', b'raw', 'xxxxxxxxxxxxxxxxxxxx']");
    }

    @Test
    void aJavaChildAttachesTheListByName() throws Exception {
        try (CPythonShareableList list = CPythonShareableList.create(context, Arrays.asList(0, "", 0.0))) {
            String name = list.name();
            ChildProcess child = Multiprocessing.process(() -> {
                try (CPythonShareableList mine = CPythonShareableList.attach(Multiprocessing.context(), name)) {
                    mine.set(0, 41L + 1);
                    mine.set(2, -1.5);
                }
            });
            child.start();
            child.join();
            assertThat(child.exitCode()).isZero();
            assertThat(list).containsExactly(42L, "", -1.5);
        }
    }

    @Test
    void anItemLongerThanItsSlotOrOfAnotherTypeIsRefusedBeforeAnythingIsWritten() {
        try (CPythonShareableList list = CPythonShareableList.create(context, List.of("seven b", 1))) {
            assertThatThrownBy(() -> list.set(0, "nine byte")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("room for 8 bytes, not 9");
            assertThat(list.get(0)).isEqualTo("seven b");
            assertThatThrownBy(() -> list.set(1, List.of())).isInstanceOf(ClassCastException.class);
            assertThat(list.get(1)).isEqualTo(1L);
            assertThatThrownBy(() -> list.add("more")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
            list.unlink();
        }
    }
}
