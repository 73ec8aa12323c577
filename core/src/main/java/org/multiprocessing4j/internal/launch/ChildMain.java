package org.multiprocessing4j.internal.launch;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.serial.JdkSerializer;
import org.multiprocessing4j.internal.serial.TargetCodec;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;
import org.multiprocessing4j.internal.transport.FrameChannel;
import org.multiprocessing4j.spi.ContextProvider;

/**
 * The {@code main} of every child JVM: learn who we are, run the target, then end as
 * {@link ChildExit} says. See {@link ChildConversation} for the parent's side.
 *
 * <p>A cold child reads its bootstrap from its standard input, a pipe from its parent, and reports a
 * failed target in a file of its parent's session: opening a socket costs a fresh JVM about 10 ms,
 * a quarter of a cold start. A spare has time while it is idle, so it connects to its parent's
 * loopback port, proves itself with a token, rehearses and waits there; its conversation goes on
 * over that connection, and it reports its end once its shutdown hooks have run, before its JVM's
 * teardown.
 *
 * <p>A second thread watches the parent (see {@link ParentLink}) once the child knows who it is; in
 * a spare it first warms up. Until the bootstrap has come, a read that ends early means the parent
 * is gone.
 */
public final class ChildMain {

    /** The environment variable that carries the token a spare proves itself with. */
    static final String TOKEN_VARIABLE = "MULTIPROCESSING4J_TOKEN";

    /** Set when the bootstrap has arrived: a spare then no longer says it is ready. */
    private static volatile boolean booted;
    private static FrameChannel spareChannel;
    private static boolean warmedUp;
    private static ParentLink parentLink;

    private ChildMain() {
    }

    /**
     * Runs a child.
     *
     * @param args nothing for a cold child; for a spare, the loopback port its parent listens on
     */
    public static void main(String[] args) {
        boolean spare = args.length > 0;
        startWarmUp(spare);
        FrameChannel channel = null;
        Bootstrap bootstrap;
        try {
            Frame boot;
            if (!spare) {
                DataInputStream input = new DataInputStream(new FileInputStream(FileDescriptor.in));
                boot = FrameChannel.read(input);
                if (boot != null && boot.type() == Bootstrap.REHEARSE) {
                    rehearse(boot.payload());
                    boot = FrameChannel.read(input);
                }
            } else {
                ChildExit.startReportHook();
                channel = FrameChannel.connect(Integer.parseInt(args[0]));
                channel.write(Bootstrap.HELLO, HexFormat.of().parseHex(System.getenv(TOKEN_VARIABLE)));
                boot = channel.read();
                if (boot != null && boot.type() == Bootstrap.REHEARSE) {
                    rehearse(boot.payload());
                    stepDone(channel, false);
                    boot = channel.read();
                }
            }
            if (boot == null || boot.type() != Bootstrap.BOOT) {
                throw new IOException("the parent is gone before sending the target");
            }
            booted = true;
            bootstrap = Bootstrap.decode(boot.payload());
        } catch (IOException | RuntimeException e) {
            // the parent is gone before we could start (or this JVM was not started by one)
            ParentLink.halt();
            return;
        }
        // what a target reads from its standard input is nothing, as in Python: the pipe is the parent's
        System.setIn(InputStream.nullInputStream());
        ParentLink parent = new ParentLink(bootstrap.parentName(), bootstrap.parentPid(), bootstrap.parentSession());
        LocalRuntime runtime = LocalRuntime.becomeChild(bootstrap, parent);
        watchParent(parent);

        Throwable failure = runTarget(bootstrap);
        // returns, or throws, only where leaving main is what ends the JVM
        ChildExit.end(runtime, parent, channel, bootstrap.parentSession(), bootstrap.pid(), failure);
    }

    /**
     * Called when a spare's connection is made and rehearsed, and when the warm-up is over; once both
     * are, and no bootstrap has come, tells the parent this JVM is ready.
     */
    private static synchronized void stepDone(FrameChannel channel, boolean warmUpOver) {
        if (channel != null) {
            spareChannel = channel;
        }
        warmedUp |= warmUpOver;
        if (spareChannel != null && warmedUp && !booted) {
            try {
                spareChannel.write(Bootstrap.READY, new byte[0]);
            } catch (IOException e) {
                // the parent is gone; the main thread finds out
            }
        }
    }

    /** Hands the parent to the warm-up thread, which watches it once the warm-up is over. */
    private static synchronized void watchParent(ParentLink parent) {
        parentLink = parent;
        ChildMain.class.notifyAll();
    }

    private static synchronized ParentLink awaitParent() throws InterruptedException {
        while (parentLink == null) {
            ChildMain.class.wait();
        }
        return parentLink;
    }

    /**
     * Starts the thread that watches the parent once the child knows who its parent is. In a spare,
     * it first warms up while the spare connects and waits: it calls a sample target the way a
     * target is called, warms up the lambda metafactory (for lambdas the target sends or receives),
     * loads the classes a child needs once it knows who it is, and opens every jar of the class path
     * (the target's class is in one of them). A cold child gets its bootstrap at once: warming up
     * beside it would only compete with it for the same classes.
     */
    private static void startWarmUp(boolean spare) {
        Thread warmUp = new Thread(new Runnable() {
            @Override
            public void run() {
                if (spare) {
                    warmUp();
                }
                stepDone(null, true);
                FileChannel pipe = ParentLink.parentPipe();
                try {
                    awaitParent().watch(pipe);
                } catch (InterruptedException e) {
                    // nothing to watch any more
                }
            }
        }, "multiprocessing4j warm-up and parent watch");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void warmUp() {
        try {
            warmUpBackend();
            ((SerializableRunnable) TargetCodec.decodeTarget(
                    TargetCodec.encode(warmUpSampleTarget(), "warm-up sample"))).run();
            TargetCodec.decode(TargetCodec.encode(warmUpSampleTarget(), "warm-up sample"));
            ClassLoader loader = ClassLoader.getSystemClassLoader();
            for (String name : List.of(LocalRuntime.class.getName(), ParentLink.class.getName(),
                    CurrentProcess.class.getName(), ThrowableTransport.class.getName())) {
                Class.forName(name, true, loader);
            }
            // looking for a resource that no jar has opens them all
            Collections.list(loader.getResources("META-INF/multiprocessing4j.warm-up"));
        } catch (Exception e) {
            // only a lost head start: the target's own deserialization will report real trouble
        }
    }

    /** Lets the backend that runs its children in this spare, if any, prepare it (first: it may connect). */
    private static void warmUpBackend() {
        String backend = System.getProperty(ContextProvider.SPARE_WARM_UP_PROPERTY);
        if (backend != null) {
            try {
                for (ContextProvider provider : ServiceLoader.load(ContextProvider.class)) {
                    if (provider.name().equals(backend)) {
                        provider.warmUpSpare();
                    }
                }
            } catch (RuntimeException | ServiceConfigurationError e) {
                // as for the rest of the warm-up: only a head start is lost
            }
        }
    }

    static SerializableRunnable warmUpSampleTarget() {
        return ChildMain::warmUpSample;
    }

    static void warmUpSample() {
        // the body of the lambda the warm-up deserializes
    }

    /**
     * What a spare does while it waits: what a child does between its bootstrap and its exit, on
     * stand-ins, so that the real run finds its classes loaded and linked. The target is a recent
     * one of the parent's (perhaps none): its classes are loaded and its methods looked up, but
     * nothing of it runs, and when it captures handles, JDK serialization and the native sleep are
     * made ready; the rest is a bootstrap read, a context set up and an exit report written.
     */
    private static void rehearse(byte[] target) {
        try {
            if (target.length > 0 && TargetCodec.rehearse(target)) {
                // a target like it captures handles (whose classes' reading the codec has just
                // prepared): it will meet JDK serialization (and records, which application
                // values often are, whose reading and hashCode build method handles shape by
                // shape) and, when it waits, the native sleep, tens of milliseconds each in a
                // fresh JVM. A target that captures none does not pay for them, in start time or
                // a spare's memory
                RehearsalSample record = new RehearsalSample("warm-up", 1, 2, true, List.of());
                JdkSerializer.fromBytes(JdkSerializer.toBytes(new ArrayList<>(List.of("warm-up", 1, record)), "rehearsal"))
                        .hashCode();
                WaitGate.prepareSleeping();
            }
            Bootstrap sample = Bootstrap.decode(new Bootstrap("rehearsal", 0, new int[] {1}, false, "parent", 0, "",
                    target).encode());
            LocalRuntime rehearsal = new LocalRuntime(new CurrentProcess(sample.name(), sample.pid(), sample.daemon(),
                    sample.identity()), null);
            rehearsal.finishChildren();
            ChildExit.report(0, null);
        } catch (IOException | ClassNotFoundException | InterruptedException | RuntimeException | LinkageError e) {
            // only a lost head start: the real run reports real trouble
        }
    }

    private static Throwable runTarget(Bootstrap bootstrap) {
        try {
            ((SerializableRunnable) TargetCodec.decodeTarget(bootstrap.target())).run();
            return null;
        } catch (Throwable failure) {
            // a target may have set the stream to null
            PrintStream err = System.err;
            if (err != null) {
                err.print("Exception in process \"" + bootstrap.name() + "\" ");
                failure.printStackTrace(err);
            }
            return failure;
        }
    }

    /** A record of the components that handles and messages have, for the rehearsal. */
    private record RehearsalSample(String text, long number, int count, boolean flag, Object value)
            implements Serializable {
    }
}
