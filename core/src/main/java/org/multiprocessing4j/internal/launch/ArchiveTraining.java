package org.multiprocessing4j.internal.launch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedInt;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;

/**
 * What the child that trains the class-data archive runs, so that the archive holds what later
 * children load on their way through the library and not only on their way to the target: every
 * class of the library's jar, loaded without being initialized, and the classes of the JDK that
 * its shared memory, channels and serialization bring in, by using each once on objects of this
 * child's own session (removed when it exits).
 *
 * <p>A child that maps its classes from the archive skips reading, parsing and verifying them:
 * for a manager's server, a few hundred classes that a fresh JVM otherwise loads one by one while
 * the caller waits.
 */
final class ArchiveTraining {

    private static final String PACKAGE_DIRECTORY = "org/multiprocessing4j/";

    private ArchiveTraining() {
    }

    static SerializableRunnable target() {
        return ArchiveTraining::run;
    }

    static void run() {
        loadLibraryClasses();
        try {
            useEachKind(ProcessContext.local());
        } catch (IOException | ClassNotFoundException | InterruptedException | RuntimeException e) {
            // only fewer classes in the archive: a child loads the others as it goes
        }
    }

    /** Loads every class of the jar this class comes from, initializing none. */
    private static void loadLibraryClasses() {
        Path jar;
        try {
            CodeSource source = ArchiveTraining.class.getProtectionDomain().getCodeSource();
            jar = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return;
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            // classes straight from a directory: HotSpot would not archive them anyway
            return;
        }
        ClassLoader loader = ArchiveTraining.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                String name = entries.nextElement().getName();
                if (name.startsWith(PACKAGE_DIRECTORY) && name.endsWith(".class") && !name.endsWith("-info.class")) {
                    load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader);
                }
            }
        } catch (IOException e) {
            // the classes loaded so far are archived
        }
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // a class whose optional dependency is missing: children that need it load it themselves
        }
    }

    /** Sends, receives, locks, waits and serializes once each, as children do. */
    private static void useEachKind(ProcessContext context)
            throws IOException, ClassNotFoundException, InterruptedException {
        ProcessQueue<Object> queue = context.queue();
        try {
            queue.put(List.of("training", 1, 2.5));
            queue.take();
        } finally {
            queue.close();
        }
        Pipe pipe = context.pipe(true);
        try {
            pipe.left().send(new Sample("training", 1));
            pipe.right().recv();
            pipe.right().sendBytes(new byte[16]);
            pipe.left().recvBytes();
        } finally {
            pipe.left().close();
            pipe.right().close();
        }
        ProcessLock lock = context.lock();
        lock.lock();
        lock.unlock();
        ProcessSemaphore semaphore = context.semaphore(1);
        semaphore.acquire();
        semaphore.release();
        ProcessEvent event = context.event();
        event.set();
        event.await();
        SharedInt counter = context.sharedInt(0);
        counter.incrementAndGet();
        SharedDoubleArray array = context.sharedDoubleArray(8);
        array.set(0, 1.5);
        // what the standard serializer hands to JDK serialization: records and classes of its own
        Serializer jdk = Serializer.jdk();
        jdk.deserialize(jdk.serialize(new Sample("training", 2), ByteBuffer.allocate(256)).flip());
    }

    /** A record, as the messages of the library's protocols and many of an application's are. */
    private record Sample(String text, int number) implements java.io.Serializable {
    }
}
