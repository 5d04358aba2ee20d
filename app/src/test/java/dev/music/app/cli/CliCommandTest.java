package dev.music.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator commands' shared skeleton, without a context: exit codes, usage answers, the help. */
class CliCommandTest {

    /** Refuses what the skeleton answers, each as its argument names it. */
    private static final class Picky extends CliCommand {

        Picky() {
            super(new About("picky", "picky THING", "does nothing"));
        }

        @Override
        protected int execute(List<String> args, PrintStream out, PrintStream err) throws Usage {
            switch (args.isEmpty() ? "" : args.get(0)) {
                case "" -> throw usage();
                case "--odd" -> throw usage("  (unknown option --odd)");
                case "gone" -> throw refusal("cannot read gone: no such file");
                case "nameless" -> throw refusalWithUsage("no thing named nameless");
                default -> {
                    out.println("did " + args.get(0));
                    return OK;
                }
            }
        }
    }

    @Test
    void argumentsACommandCannotRunWithAreExitTwoWithTheirLinesOnStandardError() throws Exception {
        assertRun(List.of(), 2, "", "usage: picky THING\n");
        assertRun(List.of("--odd"), 2, "", "usage: picky THING  (unknown option --odd)\n");
        assertRun(List.of("gone"), 2, "", "picky: cannot read gone: no such file\n");
        assertRun(List.of("nameless"), 2, "", "picky: no thing named nameless\nusage: picky THING\n");
        assertRun(List.of("it"), 0, "did it\n", "");
    }

    @Test
    void theHelpListsEveryCommandInItsColumnsWithoutAContext() {
        Cli.Output help = Cli.run("", "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "Usage: java -jar music.jar [COMMAND ARGS…]   (no command: serve the API)",
                        "  load-music FILE [--no-wait]       import a columnar catalog file (playlist.json format)",
                        "  create-user USERNAME [--role R]   make an account (USER, AUDITOR or ADMIN); password on stdin",
                        "  verify-projections                compare the read model with a recount of the event store",
                        "  rebuild-projections [NAME…]       rebuild projections from the event store while serving",
                        "Configuration options (--spring.datasource.url=…, --music.…=…) may follow the command.",
                        ""));
        for (String name : List.of("load-music", "create-user", "verify-projections", "rebuild-projections", "help")) {
            assertThat(CommandLineTools.isCommand(name)).as(name).isTrue();
        }
        assertThat(CommandLineTools.isCommand("serve")).isFalse();
    }

    private static void assertRun(List<String> args, int exitCode, String out, String err) throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = new Picky()
                .run(
                        args,
                        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        assertThat(code).as(String.valueOf(args)).isEqualTo(exitCode);
        assertThat(outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"))
                .isEqualTo(out);
        assertThat(errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"))
                .isEqualTo(err);
    }
}
