package org.multiprocessing4j.internal.launch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.serial.TargetCodec;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.internal.transport.FrameChannel;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;

/**
 * The {@code main} of every child JVM: connect to the parent's socket, learn who we are, run the
 * target, report how it ended, exit. See {@link ChildConversation} for the parent's side.
 */
public final class ChildMain {

    /** The environment variable that carries the token a child proves itself with. */
    static final String TOKEN_VARIABLE = "MULTIPROCESSING4J_TOKEN";

    private ChildMain() {
    }

    /**
     * Runs a child.
     *
     * @param args the loopback port the parent listens on
     */
    public static void main(String[] args) {
        startWarmUp();
        FrameChannel channel;
        Bootstrap bootstrap;
        try {
            channel = FrameChannel.connect(Integer.parseInt(args[0]));
            channel.write(Bootstrap.HELLO, HexFormat.of().parseHex(System.getenv(TOKEN_VARIABLE)));
            Frame boot = channel.read();
            if (boot != null && boot.type() == Bootstrap.REHEARSE) {
                // a spare: it has time until its bootstrap comes
                rehearse(boot.payload());
                stepDone(channel, false);
                boot = channel.read();
            }
            if (boot == null || boot.type() != Bootstrap.BOOT) {
                throw new IOException("the parent closed the connection before sending the target");
            }
            booted = true;
            bootstrap = Bootstrap.decode(boot.payload());
        } catch (IOException | RuntimeException e) {
            // the parent is gone before we could start (or this JVM was not started by one)
            Runtime.getRuntime().halt(ParentLink.ORPHANED);
            return;
        }
        ParentLink parent = new ParentLink(bootstrap.parentName(), bootstrap.parentPid(), channel,
                bootstrap.parentSession());
        LocalContext context = LocalContext.becomeChild(bootstrap, parent);
        parent.watch();

        Throwable failure = runTarget(bootstrap);
        int code = failure == null ? 0 : 1;
        try {
            context.finishChildren();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        try {
            channel.write(Bootstrap.EXIT, exitReport(code, failure));
        } catch (IOException e) {
            // the parent is gone; the exit status is all anyone could learn
        }
        parent.leave();
        System.exit(code);
    }

    /** Set when the bootstrap has arrived: from then on the warm-up only competes with the target. */
    private static volatile boolean booted;
    private static FrameChannel connected;
    private static boolean warmedUp;

    /**
     * Called when the connection is made and when the warm-up is over; once both are, and no
     * bootstrap has come, tells the parent this JVM is ready as a spare.
     */
    private static synchronized void stepDone(FrameChannel channel, boolean warmUpOver) {
        if (channel != null) {
            connected = channel;
        }
        warmedUp |= warmUpOver;
        if (connected != null && warmedUp && !booted) {
            try {
                connected.write(Bootstrap.READY, new byte[0]);
            } catch (IOException e) {
                // the parent is gone; the main thread finds out
            }
        }
    }

    /**
     * Loads what rebuilding a lambda needs ({@code SerializedLambda}, reflection, the lambda
     * metafactory) on a second thread while the main thread connects to the parent: in a fresh JVM
     * that costs about as much as the connection, and the two overlap on a machine with two cores.
     * A spare, which then waits for its target, also opens every jar of the class path (the target's
     * class is in one of them) and loads the classes a child needs once it knows who it is.
     */
    private static void startWarmUp() {
        Thread warmUp = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    // also a first reflective call, the way the target will be called
                    ((SerializableRunnable) TargetCodec.decodeTarget(
                            TargetCodec.encode(warmUpSampleTarget(), "warm-up sample"))).run();
                    if (!booted) {
                        // lambdas the target sends or receives are rebuilt the usual way
                        TargetCodec.decode(TargetCodec.encode(warmUpSampleTarget(), "warm-up sample"));
                        ClassLoader loader = ClassLoader.getSystemClassLoader();
                        for (String name : List.of(LocalContext.class.getName(), ParentLink.class.getName(),
                                CurrentProcess.class.getName(), ThrowableTransport.class.getName())) {
                            Class.forName(name, true, loader);
                        }
                        // looking for a resource that no jar has opens them all
                        Collections.list(loader.getResources("META-INF/multiprocessing4j.warm-up"));
                    }

                } catch (Exception e) {
                    // only a lost head start: the target's own deserialization will report real trouble
                }
                stepDone(null, true);
            }
        }, "multiprocessing4j warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    static SerializableRunnable warmUpSampleTarget() {
        return ChildMain::warmUpSample;
    }

    static void warmUpSample() {
        // the body of the lambda the warm-up deserializes; also the target that trains the class archive
    }

    /**
     * What a spare does while it waits: what a child does between its bootstrap and its exit, on
     * stand-ins, so that the real run finds its classes loaded and linked. The target is a recent
     * one of the parent's (perhaps none): its classes are loaded and its methods looked up, but
     * nothing of it runs; the rest is a bootstrap read, a context set up and an exit report written.
     */
    private static void rehearse(byte[] target) {
        try {
            if (target.length > 0) {
                TargetCodec.rehearse(target);
            }
            Bootstrap sample = Bootstrap.decode(new Bootstrap("rehearsal", 0, new int[] {1}, false, "parent", 0, "",
                    target).encode());
            LocalContext context = new LocalContext(new CurrentProcess(sample.name(), sample.pid(), sample.daemon(),
                    sample.identity()), null);
            context.finishChildren();
            exitReport(0, null);
        } catch (IOException | ClassNotFoundException | InterruptedException | RuntimeException | LinkageError e) {
            // only a lost head start: the real run reports real trouble
        }
    }

    private static Throwable runTarget(Bootstrap bootstrap) {
        try {
            ((SerializableRunnable) TargetCodec.decodeTarget(bootstrap.target())).run();
            return null;
        } catch (Throwable failure) {
            System.err.print("Exception in process \"" + bootstrap.name() + "\" ");
            failure.printStackTrace();
            return failure;
        }
    }

    private static byte[] exitReport(int code, Throwable failure) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(code);
            if (failure != null) {
                out.write(ThrowableTransport.encode(failure));
            }
        }
        return bytes.toByteArray();
    }
}
