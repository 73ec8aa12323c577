/**
 * multiprocessing4j: Python's {@code multiprocessing} for the JVM.
 */
module org.multiprocessing4j {
    requires java.logging;
    requires java.management;
    // plain accesses of shared arrays by address on Java 17 to 22 (PlainMemory); in every JDK image
    // with the standard modules, and a runtime image made with jlink needs it
    requires jdk.unsupported;
    // futex through libc's syscall, loaded the first time a thread sleeps
    requires com.sun.jna;

    exports org.multiprocessing4j;
    exports org.multiprocessing4j.function;
    exports org.multiprocessing4j.spi;

    uses org.multiprocessing4j.spi.ContextProvider;
    provides org.multiprocessing4j.spi.ContextProvider with org.multiprocessing4j.internal.local.LocalContextProvider;
}
