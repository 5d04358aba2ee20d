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
class CreateUserCommand implements CliCommand {

    private final AccountService accounts;

    CreateUserCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "create-user";
    }

    @Override
    public String usage() {
        return "create-user USERNAME [--role USER|AUDITOR|ADMIN]   (password from standard input)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
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
                    err.println("create-user: no role " + roleName + "; roles are USER, AUDITOR, ADMIN");
                    return 2;
                }
            } else if (username == null && !arg.startsWith("--")) {
                username = arg;
            } else {
                err.println("usage: " + usage());
                return 2;
            }
        }
        if (username == null) {
            err.println("usage: " + usage());
            return 2;
        }
        String password = readPassword(err);
        if (password == null) {
            err.println("create-user: no password given on standard input");
            return 2;
        }
        AccountService.Result result = accounts.register(username, password, role);
        if (result.account() == null) {
            err.println("create-user: cannot create " + username + ":");
            result.problems().forEach((field, messages) -> messages.forEach(m -> err.println("  " + field + ": " + m)));
            return 1;
        }
        out.println("Created " + role + " account " + username + " (id "
                + result.account().id() + ")");
        return 0;
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
