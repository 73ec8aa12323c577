package org.multiprocessing4j.internal.manager;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ManagerUnavailableException;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;

/**
 * Starts a manager's server: a child of the context, given the settings, the door queue through
 * which this machine's processes connect, and a pipe on which it says it is ready.
 */
final class ManagerStart {

    private static final Duration SLICE = Duration.ofMillis(100);

    private final ChildProcess child;
    private final PipeEnd ready;

    ManagerStart(ProcessContext context, ManagerSettings settings) {
        String id = UUID.randomUUID().toString();
        ProcessQueue<Object> door = context.queue();
        Pipe pipe = context.pipe(false);
        PipeEnd readyToSend = pipe.right();
        ManagerServer.Launch launch = new ManagerServer.Launch(id, settings, door, context, readyToSend);
        child = context.process(() -> ManagerServer.run(launch)).name("Manager");
        child.start();
        readyToSend.close();
        ready = pipe.left();
    }

    ChildProcess child() {
        return child;
    }

    /** Waits for the server's address; fails if the server exits first. */
    ManagerAddress awaitAddress() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (ready.poll(SLICE)) {
                        return (ManagerAddress) ready.recv();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    child.kill();
                    throw new ManagerUnavailableException("interrupted while the manager started", e);
                } catch (IOException e) {
                    throw failed(e);
                }
                if (!child.isAlive()) {
                    throw failed(null);
                }
            }
        } finally {
            ready.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ManagerUnavailableException failed(Exception cause) {
        try {
            child.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ManagerUnavailableException("the manager's server exited before it was ready (exit code "
                + child.exitCode() + ")", cause);
    }
}
