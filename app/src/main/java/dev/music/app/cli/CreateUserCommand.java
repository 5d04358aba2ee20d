package dev.music.app.cli;

import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code create-user USERNAME [--role USER|AUDITOR|ADMIN]}: makes an account, reading its
 * password from the terminal (asked twice) or the first line of standard input, never from an
 * argument (arguments show in process lists and shell history).
 */
@Component
class CreateUserCommand extends CliCommand {

    static final About ABOUT = new About(
            "create-user",
            "create-user USERNAME [--role USER|AUDITOR|ADMIN]   (password from standard input)",
            "create-user USERNAME [--role R]",
            "make an account (USER, AUDITOR or ADMIN); password on stdin");

    private final AccountService accounts;

    CreateUserCommand(AccountService accounts) {
        super(ABOUT);
        this.accounts = accounts;
    }

    @Override
    protected int execute(List<String> args, PrintStream out, PrintStream err) throws IOException, Usage {
        Role role = Role.USER;
        String username = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String roleName = arg.startsWith("--role=")
                    ? arg.substring("--role=".length())
                    : arg.equals("--role") && i + 1 < args.size() ? args.get(++i) : null;
            if (roleName != null) {
                try {
                    role = Role.valueOf(roleName.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw refusal("no role " + roleName + "; roles are USER, AUDITOR, ADMIN");
                }
            } else if (username == null && !arg.startsWith("--")) {
                username = arg;
            } else {
                throw usage();
            }
        }
        if (username == null) {
            throw usage();
        }
        String password = readPassword(err);
        if (password == null) {
            throw refusal("no password given on standard input");
        }
        AccountService.Result result = accounts.register(username, password, role);
        if (result.account() == null) {
            err.println("create-user: cannot create " + username + ":");
            result.problems().forEach((field, messages) -> messages.forEach(m -> err.println("  " + field + ": " + m)));
            return FAILED;
        }
        out.println("Created " + role + " account " + username + " (id "
                + result.account().id() + ")");
        return OK;
    }

    private static String readPassword(PrintStream err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Password (again): ");
            if (first == null || !Arrays.equals(first, second)) {
                err.println("create-user: the passwords differ");
                return null;
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null || line.isEmpty() ? null : line;
    }
}
