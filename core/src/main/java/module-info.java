/**
 * multiprocessing4j: Python's {@code multiprocessing} for the JVM.
 */
module org.multiprocessing4j {
    requires java.management;

    exports org.multiprocessing4j;
    exports org.multiprocessing4j.function;
}
