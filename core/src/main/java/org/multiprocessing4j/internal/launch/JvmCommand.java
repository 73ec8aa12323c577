package org.multiprocessing4j.internal.launch;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.multiprocessing4j.internal.platform.Platform;

/**
 * The command line of a child JVM: the parent's launcher, class path and module path, the parent
 * options a child needs to load and check code the same way, the caller's options, then
 * {@link ChildMain} and its arguments.
 */
final class JvmCommand {

    /** Options whose value is the next argument when not written as {@code --option=value}. */
    private static final Set<String> FORWARDED_WITH_VALUE = Set.of(
            "--add-opens", "--add-exports", "--add-reads", "--add-modules", "--enable-native-access");

    private static final Set<String> FORWARDED_FLAGS = Set.of("--enable-preview");

    /** Assertion switches, with or without a {@code :package...} or {@code :Class} suffix. */
    private static final List<String> ASSERTION_PREFIXES = List.of(
            "-ea", "-da", "-enableassertions", "-disableassertions", "-esa", "-dsa",
            "-enablesystemassertions", "-disablesystemassertions");

    /** System properties the JVM sets from its own command line; the child's JVM sets its own. */
    private static final List<String> NOT_FORWARDED_PROPERTIES = List.of(
            "-Djdk.module.", "-Djava.class.path=", "-Dsun.java.command=", "-Dsun.java.launcher");

    private static final String NATIVE_ACCESS = "--enable-native-access";
    /** The first release that warns about native code called without the option above. */
    static final int NATIVE_ACCESS_WARNED_FROM = 24;

    private static volatile List<String> inherited;

    private JvmCommand() {
    }

    static List<String> of(List<String> options, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Platform.javaLauncher().toString());
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(absolute(classPath));
        }
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            command.add("--module-path");
            command.add(absolute(modulePath));
            command.add("--add-modules=ALL-MODULE-PATH");
        }
        List<String> inherited = inheritedOptions();
        command.addAll(inherited);
        if (Runtime.version().feature() >= NATIVE_ACCESS_WARNED_FROM
                && Stream.concat(inherited.stream(), options.stream()).noneMatch(o -> o.startsWith(NATIVE_ACCESS))) {
            // the library's own shared-memory waits call native code through JNA: without this,
            // Java 24 and later warn in every child that does, and a later release will refuse.
            // Not before: there it only costs a child 5 ms, since the JDK's class-data archive is
            // then used without its module graph
            command.add(NATIVE_ACCESS + "=ALL-UNNAMED");
        }
        command.addAll(options);
        command.add(ChildMain.class.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Checks options a caller gives for a child's command line.
     *
     * @param options the options
     * @return the same options
     * @throws IllegalArgumentException if one is blank: the launcher would take an empty argument
     *     for the main class
     */
    static List<String> checked(List<String> options) {
        for (String option : options) {
            if (option == null || option.isBlank()) {
                throw new IllegalArgumentException("blank JVM option in " + options);
            }
        }
        return options;
    }

    /**
     * Makes every entry of a path list absolute, so that a child given another working directory
     * still finds its classes.
     */
    static String absolute(String pathList) {
        StringJoiner joined = new StringJoiner(File.pathSeparator);
        for (String entry : pathList.split(Pattern.quote(File.pathSeparator))) {
            joined.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
        }
        return joined.toString();
    }

    private static List<String> inheritedOptions() {
        List<String> options = inherited;
        if (options == null) {
            options = forwarded(ManagementFactory.getRuntimeMXBean().getInputArguments());
            inherited = options;
        }
        return options;
    }

    /** The parent's options a child needs: see {@link org.multiprocessing4j.ChildProcess}. */
    static List<String> forwarded(List<String> parentOptions) {
        List<String> forwarded = new ArrayList<>();
        for (int i = 0; i < parentOptions.size(); i++) {
            String option = parentOptions.get(i);
            if (FORWARDED_WITH_VALUE.contains(option) && i + 1 < parentOptions.size()) {
                forwarded.add(option);
                forwarded.add(parentOptions.get(++i));
            } else if (FORWARDED_FLAGS.contains(option) || isAssertionSwitch(option)
                    || FORWARDED_WITH_VALUE.contains(option.split("=", 2)[0])
                    || isForwardedProperty(option)) {
                forwarded.add(option);
            }
        }
        return List.copyOf(forwarded);
    }

    private static boolean isAssertionSwitch(String option) {
        for (String prefix : ASSERTION_PREFIXES) {
            if (option.equals(prefix) || option.startsWith(prefix + ":")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isForwardedProperty(String option) {
        if (!option.startsWith("-D")) {
            return false;
        }
        for (String prefix : NOT_FORWARDED_PROPERTIES) {
            if (option.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
