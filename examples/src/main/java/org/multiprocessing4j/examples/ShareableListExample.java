package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.Arrays;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ShareableList;

/**
 * A child attaches a shareable list by name and changes two of its items, and the parent prints
 * the list: Python's {@code multiprocessing.shared_memory.ShareableList}.
 *
 * <pre>{@code
 * from multiprocessing import Process
 * from multiprocessing.shared_memory import ShareableList
 *
 * def f(name):
 *     sl = ShareableList(name=name)
 *     sl[0] = "changed"
 *     sl[1] += 1
 *     sl.shm.close()
 *
 * if __name__ == "__main__":
 *     sl = ShareableList(["howdy", 100, 2.5, True, None])
 *     p = Process(target=f, args=(sl.shm.name,))
 *     p.start()
 *     p.join()
 *     print(list(sl))             # ['changed', 101, 2.5, True, None]
 *     sl.shm.close()
 *     sl.shm.unlink()
 * }</pre>
 *
 * <p>"howdy" has a slot of 8 bytes, which "changed" fits. The parent owns the list's block: had it
 * not unlinked it, the block would be unlinked as the parent exits.
 */
public final class ShareableListExample {

    private ShareableListExample() {
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param name the name of the list's block
     * @throws Exception if the list cannot be attached
     */
    static void f(String name) throws Exception {
        try (ShareableList sl = Multiprocessing.attachShareableList(name)) {
            sl.set(0, "changed");
            sl.set(1, (Long) sl.get(1) + 1);
        }
    }

    /**
     * Creates the list, lets the child change it, prints it.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        ShareableList sl = Multiprocessing.shareableList(Arrays.asList("howdy", 100L, 2.5, true, null));
        ChildProcess p = Multiprocessing.process(ShareableListExample::f, sl.name());
        p.start();
        p.join();
        System.out.println(new ArrayList<>(sl));
        sl.close();
        sl.unlink();
    }
}
