package dev.music.app.cli;

import java.io.PrintStream;
import java.util.List;

/** An operator command run as {@code java -jar music.jar NAME ARGS…}. */
public interface CliCommand {

    String name();

    /** One line: arguments and what the command does. */
    String usage();

    /** Runs the command; the result is the process's exit code. */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
