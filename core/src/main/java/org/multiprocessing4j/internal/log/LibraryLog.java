package org.multiprocessing4j.internal.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The library's loggers and their one-call console output.
 *
 * <p>Events go through {@link System.Logger}, so they reach whatever logging the application has
 * given the JDK; every one is at {@code DEBUG} or {@code TRACE}, so that nothing is printed unless
 * someone asks. {@link #toStderr} asks, the way Python's {@code log_to_stderr()} does: it
 * configures {@code java.util.logging}, which backs {@code System.Logger} unless the application
 * installed another {@link System.LoggerFinder}.
 */
public final class LibraryLog {

    /** The parent of every logger of the library. */
    public static final String ROOT = "org.multiprocessing4j";

    /** Starts of child processes, spare JVMs, the class-data archive. */
    public static final System.Logger PROCESSES = System.getLogger(ROOT + ".process");

    /** Pools: their workers' exits and replacements. */
    public static final System.Logger POOLS = System.getLogger(ROOT + ".pool");

    /** Held here: {@code java.util.logging} keeps loggers only weakly, and with them their level. */
    private static Logger configured;
    private static ConsoleHandler handler;

    private LibraryLog() {
    }

    /**
     * Prints the library's events from {@code level} up on standard error, one line each in
     * Python's format ({@code [DEBUG/MainProcess] ...}), and no longer passes them to the parent
     * loggers. A second call changes the level.
     *
     * @param level the lowest level printed
     * @param processName the name of the process printed on each line
     */
    public static synchronized void toStderr(System.Logger.Level level, Supplier<String> processName) {
        Level threshold = julLevel(level);
        if (handler == null) {
            configured = Logger.getLogger(ROOT);
            handler = new ConsoleHandler();
            handler.setFormatter(new PythonFormat(processName));
            configured.addHandler(handler);
            configured.setUseParentHandlers(false);
        }
        handler.setLevel(threshold);
        configured.setLevel(threshold);
    }

    /** The {@code java.util.logging} level {@code System.Logger} maps {@code level} to. */
    static Level julLevel(System.Logger.Level level) {
        return switch (level) {
            case ALL -> Level.ALL;
            case TRACE -> Level.FINER;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case ERROR -> Level.SEVERE;
            case OFF -> Level.OFF;
        };
    }

    /** {@code [LEVEL/process name] message}, with the stack trace of a thrown exception after it. */
    private static final class PythonFormat extends Formatter {

        private final Supplier<String> processName;

        PythonFormat(Supplier<String> processName) {
            this.processName = processName;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder("[").append(levelName(record.getLevel())).append('/')
                    .append(processName.get()).append("] ").append(formatMessage(record))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String levelName(Level level) {
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                return "ERROR";
            } else if (value >= Level.WARNING.intValue()) {
                return "WARNING";
            } else if (value >= Level.INFO.intValue()) {
                return "INFO";
            } else if (value >= Level.FINE.intValue()) {
                return "DEBUG";
            }
            return "TRACE";
        }
    }
}
