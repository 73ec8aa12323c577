package org.multiprocessing4j.internal.serial;

import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a spare prepares, while it idles, for reading the JDK-serialized values of a target like
 * the one it rehearses: for each of their classes, what JDK serialization builds the first time
 * it reads one (the class descriptor, the offsets of its fields found by reflection, and a
 * serialization constructor generated as bytecode), about a millisecond a class in a fresh JVM.
 *
 * <p>Only classes named in the library's packages and the JDK's are prepared (by name, so those of
 * the library's other modules too): preparing initializes a class (its
 * descriptor reads its {@code serialVersionUID}), and a user's class could do anything when it is
 * initialized in a spare whose next target turns out not to need it.
 */
final class ReadingPreparation {

    /** The most names an encoding lists for one value: it writes their number as an unsigned short. */
    private static final int MAX_NAMES = 0xFFFF;

    private ReadingPreparation() {
    }

    /**
     * The names among {@code classes} whose reading a spare would prepare, in their order.
     *
     * @param classes the names of the classes of a serialized value
     * @return those of the library and the JDK, at most {@value #MAX_NAMES}
     */
    static List<String> preparable(Collection<String> classes) {
        List<String> preparable = new ArrayList<>();
        for (String name : classes) {
            if (isPreparable(name) && preparable.size() < MAX_NAMES) {
                preparable.add(name);
            }
        }
        return preparable;
    }

    /**
     * Prepares the reading of each named class of the library or the JDK; a class that cannot be
     * loaded is skipped, for the real reading to report.
     *
     * @param classes the names an encoding listed
     */
    static void prepare(List<String> classes) {
        for (String name : classes) {
            try {
                if (isPreparable(name)) {
                    ObjectStreamClass.lookup(Class.forName(name, false, ReadingPreparation.class.getClassLoader()));
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // only a lost head start
            }
        }
    }

    private static boolean isPreparable(String className) {
        return className.startsWith("org.multiprocessing4j.") || className.startsWith("java.");
    }
}
