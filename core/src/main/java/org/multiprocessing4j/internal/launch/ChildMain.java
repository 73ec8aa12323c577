package org.multiprocessing4j.internal.launch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.serial.JavaSerialization;
import org.multiprocessing4j.internal.serial.ThrowableTransport;
import org.multiprocessing4j.internal.transport.FrameChannel;
import org.multiprocessing4j.internal.transport.FrameChannel.Frame;

/**
 * The {@code main} of every child JVM: connect to the parent's socket, learn who we are, run the
 * target, report how it ended, exit. See {@link ChildConversation} for the parent's side.
 */
public final class ChildMain {

    private ChildMain() {
    }

    /**
     * Runs a child.
     *
     * @param args the path of the socket the parent listens on
     */
    public static void main(String[] args) {
        startWarmUp();
        FrameChannel channel;
        Bootstrap bootstrap;
        try {
            channel = FrameChannel.connect(Path.of(args[0]));
            channel.write(Bootstrap.HELLO, ByteBuffer.allocate(Long.BYTES).putLong(ProcessHandle.current().pid()).array());
            Frame boot = channel.read();
            if (boot == null || boot.type() != Bootstrap.BOOT) {
                throw new IOException("the parent closed the connection before sending the target");
            }
            bootstrap = Bootstrap.decode(boot.payload());
        } catch (IOException e) {
            // the parent is gone before we could start: nobody is waiting for us
            Runtime.getRuntime().halt(ParentLink.ORPHANED);
            return;
        }
        ParentLink parent = new ParentLink(bootstrap.parentName(), bootstrap.parentPid(), channel,
                Path.of(bootstrap.parentSession()));
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

    /**
     * Loads what deserializing a lambda needs (object streams, {@code SerializedLambda}, the lambda
     * metafactory) on a second thread while the main thread connects to the parent: in a fresh JVM
     * that costs as much as the connection, and the two overlap on a machine with two cores.
     */
    private static void startWarmUp() {
        Thread warmUp = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    SerializableRunnable sample = ChildMain::warmUpSample;
                    JavaSerialization.deserialize(JavaSerialization.serialize(sample, "warm-up sample"));
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    // only a lost head start: the target's own deserialization will report real trouble
                }
            }
        }, "multiprocessing4j warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void warmUpSample() {
        // the body of the lambda the warm-up sends through serialization
    }

    private static Throwable runTarget(Bootstrap bootstrap) {
        try {
            ((SerializableRunnable) JavaSerialization.deserialize(bootstrap.target())).run();
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
