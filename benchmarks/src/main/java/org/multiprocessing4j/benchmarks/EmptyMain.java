package org.multiprocessing4j.benchmarks;

/** The program of the bare JVM in {@link RuntimeStart}: starts and exits. */
public final class EmptyMain {

    private EmptyMain() {
    }

    public static void main(String[] args) {
        // nothing: only the JVM's own start and exit are measured
    }
}
