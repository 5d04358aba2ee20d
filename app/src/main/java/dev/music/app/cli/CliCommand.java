package dev.music.app.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * An operator command run as {@code java -jar music.jar NAME ARGS…}, in the skeleton every
 * command shares: {@link CommandLineTools} starts the context and finds the command by its
 * {@link About}; the command reads its arguments and does its work; arguments it cannot run with
 * are thrown as a {@link Usage} and answered on standard error with exit code {@link #USAGE}.
 */
public abstract class CliCommand {

    public static final int OK = 0;
    /** The command ran and failed, or found what it checks for wrong. */
    public static final int FAILED = 1;
    /** Arguments the command cannot run with: nothing was done. */
    public static final int USAGE = 2;

    /**
     * What the help lists and the command line names a command by, known before any context starts.
     *
     * @param usage what the command says when its arguments are wrong
     * @param synopsis its arguments in the help's column, usually its usage
     * @param summary what it does, in the help
     */
    public record About(String name, String usage, String synopsis, String summary) {

        public About(String name, String usage, String summary) {
            this(name, usage, usage, summary);
        }

        String helpLine() {
            return String.format("  %-34s%s", synopsis, summary);
        }
    }

    /** Arguments a command cannot run with, and the lines that say so. */
    protected static final class Usage extends Exception {

        private final List<String> lines;

        private Usage(List<String> lines) {
            super(String.join("\n", lines), null, false, false);
            this.lines = lines;
        }
    }

    private final About about;

    protected CliCommand(About about) {
        this.about = about;
    }

    public final About about() {
        return about;
    }

    /** Runs the command; the result is the process's exit code. */
    public final int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        try {
            return execute(args, out, err);
        } catch (Usage usage) {
            usage.lines.forEach(err::println);
            return USAGE;
        }
    }

    /**
     * The command's own work with its arguments (Spring's options already taken out).
     *
     * @return the exit code
     * @throws Usage when the arguments do not let it run
     */
    protected abstract int execute(List<String> args, PrintStream out, PrintStream err) throws Exception;

    /** The arguments are wrong: the usage says how they go. */
    protected final Usage usage() {
        return usage("");
    }

    /** The arguments are wrong: the usage with a note on what is wrong after it. */
    protected final Usage usage(String note) {
        return new Usage(List.of(usageLine() + note));
    }

    /** One argument is wrong, and saying which is enough. */
    protected final Usage refusal(String why) {
        return new Usage(List.of(about.name() + ": " + why));
    }

    /** One argument is wrong: which, then the usage. */
    protected final Usage refusalWithUsage(String why) {
        return new Usage(List.of(about.name() + ": " + why, usageLine()));
    }

    private String usageLine() {
        return "usage: " + about.usage();
    }
}
