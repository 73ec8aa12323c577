package org.multiprocessing4j.internal.connection;

import java.io.Serializable;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The classes a connection reads from its peer unless told otherwise, besides the strings, boxed
 * numbers and {@code java.util} collections every filtered serializer reads: records and enums of
 * any class, and the JDK's value types ({@code java.time} and its subpackages, {@code UUID},
 * {@code URI}, {@code TimeUnit}).
 *
 * <p>Why records and enums: they are data by construction; a record is built through its canonical
 * constructor, whose checks run, and an enum constant is looked up, never built. Telling them apart
 * loads the named class without initializing it, which runs none of its code; a class that is
 * neither is then refused before any of it runs.
 */
final class PeerClasses implements Predicate<String>, Serializable {

    private static final long serialVersionUID = 1L;

    /** The default allow list. */
    static final PeerClasses DEFAULT = new PeerClasses();

    /** JDK value types outside {@code java.time}, as streams name them. */
    private static final Set<String> VALUES = Set.of("java.util.UUID", "java.net.URI",
            "java.util.concurrent.TimeUnit");

    private PeerClasses() {
    }

    @Override
    public boolean test(String name) {
        // java.time's types cross as java.time.Ser (and java.time.zone.Ser, java.time.chrono.Ser)
        return name.startsWith("java.time.") || VALUES.contains(name) || isRecordOrEnum(name);
    }

    private static boolean isRecordOrEnum(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> type = Class.forName(name, false, context != null ? context : PeerClasses.class.getClassLoader());
            return type.isRecord() || type.isEnum();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Object readResolve() {
        return DEFAULT;
    }
}
