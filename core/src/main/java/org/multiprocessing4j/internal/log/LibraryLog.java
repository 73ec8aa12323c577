package org.multiprocessing4j.internal.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>The first logger of a JVM costs tens of milliseconds of processor time (the logging framework
 * starts), and the first events come with a program's first start of a child, which must not pay
 * for it, not even by sharing the processors with it. So the loggers are made on a thread of their
 * own, {@value #STARTUP_DELAY_MILLIS} ms after the first event, and that thread logs the events
 * that come before they are ready; from then on, events are logged by the thread that has them,
 * or dropped at once when their level is off. {@link #toStderr} makes them at once.
 */
public enum LibraryLog {

    /** Starts of child processes, spare JVMs, the class-data archive. */
    PROCESSES("process"),

    /** Pools: their workers' exits and replacements. */
    POOLS("pool"),

    /** Managers' servers: connections refused. */
    MANAGERS("manager");

    /** The parent of every logger of the library. */
    public static final String ROOT = "org.multiprocessing4j";

    private static final long STARTUP_DELAY_MILLIS = 1000;

    /** Made on first use, so that a process that logs nothing starts no thread. */
    private static final class Background {
        static final ExecutorService LOGGER = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new LoggerThreads());
    }

    /** Held here: {@code java.util.logging} keeps loggers only weakly, and with them their level. */
    private static Logger configured;
    private static ConsoleHandler handler;

    private final String name;
    private volatile System.Logger logger;

    LibraryLog(String topic) {
        this.name = ROOT + "." + topic;
    }

    /**
     * Logs an event at {@code DEBUG}: {@code pattern} with each {@code {}} replaced by the next of
     * {@code args}, made only if the level is on.
     *
     * @param pattern the event's text
     * @param args what goes in its places
     */
    public void debug(String pattern, Object... args) {
        log(System.Logger.Level.DEBUG, null, pattern, args);
    }

    /**
     * Logs an event at {@code DEBUG} with what was thrown; as {@link #debug(String, Object...)}.
     *
     * @param thrown the event's cause
     * @param pattern the event's text
     * @param args what goes in its places
     */
    public void debug(Throwable thrown, String pattern, Object... args) {
        log(System.Logger.Level.DEBUG, thrown, pattern, args);
    }

    /**
     * Logs an event at {@code TRACE}; as {@link #debug(String, Object...)}.
     *
     * @param pattern the event's text
     * @param args what goes in its places
     */
    public void trace(String pattern, Object... args) {
        log(System.Logger.Level.TRACE, null, pattern, args);
    }

    // no lambda on these paths: they run in a program's first start of a child, where each lambda
    // shape costs the JVM milliseconds to make
    private void log(System.Logger.Level level, Throwable thrown, String pattern, Object[] args) {
        System.Logger ready = logger;
        if (ready == null) {
            Background.LOGGER.execute(new Event(this, level, thrown, pattern, args));
        } else if (ready.isLoggable(level)) {
            ready.log(level, format(pattern, args), thrown);
        }
    }

    static String format(String pattern, Object[] args) {
        StringBuilder text = new StringBuilder(pattern.length() + 16 * args.length);
        int from = 0;
        for (Object arg : args) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            text.append(pattern, from, at).append(arg);
            from = at + 2;
        }
        return text.append(pattern, from, pattern.length()).toString();
    }

    private System.Logger logger() {
        System.Logger made = logger;
        if (made == null) {
            made = System.getLogger(name);
            // what starts the logging framework, here rather than in the caller
            made.isLoggable(System.Logger.Level.TRACE);
            logger = made;
        }
        return made;
    }

    /** An event that came before its logger was ready: logged on the logger's own thread. */
    private record Event(LibraryLog log, System.Logger.Level level, Throwable thrown, String pattern, Object[] args)
            implements Runnable {
        @Override
        public void run() {
            if (log.logger == null) {
                try {
                    Thread.sleep(STARTUP_DELAY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.Logger to = log.logger();
            if (to.isLoggable(level)) {
                to.log(level, format(pattern, args), thrown);
            }
        }
    }

    /** The daemon thread of {@link Background}; no lambda, as above. */
    private static final class LoggerThreads implements ThreadFactory {
        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "multiprocessing4j log");
            thread.setDaemon(true);
            return thread;
        }
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
        for (LibraryLog log : values()) {
            log.logger();
        }
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
