package dev.music.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one operator command in an application context without the web server, on the same
 * database (and embedded data directory) as the server, whether or not the server is running.
 */
public final class CommandLineTools {

    /** In the help's order. */
    private static final List<CliCommand.About> COMMANDS = List.of(
            LoadMusicCommand.ABOUT,
            CreateUserCommand.ABOUT,
            VerifyProjectionsCommand.ABOUT,
            RebuildProjectionsCommand.ABOUT);

    private static final String HELP = "help";

    private CommandLineTools() {}

    public static boolean isCommand(String name) {
        return name.equals(HELP)
                || COMMANDS.stream().anyMatch(about -> about.name().equals(name));
    }

    /** Runs the command {@code args} name in a context of {@code application} without a web server: its exit code. */
    public static int run(Class<?> application, String[] args) {
        String name = args[0];
        // Options for Spring (--spring.datasource.url=…, --music.…=…) go to Spring; the rest to the command.
        List<String> springArgs = Arrays.stream(args)
                .skip(1)
                .filter(CommandLineTools::isSpringOption)
                .toList();
        List<String> commandArgs =
                Arrays.stream(args).skip(1).filter(a -> !isSpringOption(a)).toList();
        if (name.equals(HELP)) {
            printHelp();
            return CliCommand.OK;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(withCliDefaults(springArgs))) {
            CliCommand command = context.getBeansOfType(CliCommand.class).values().stream()
                    .filter(c -> c.about().name().equals(name))
                    .findFirst()
                    .orElseThrow();
            return command.run(commandArgs, System.out, System.err);
        } catch (Exception e) {
            System.err.println(name + " failed: " + e.getMessage());
            return CliCommand.FAILED;
        }
    }

    /**
     * Command-line options outrank application.yml (default properties would not): a command
     * never imports the catalog on its own, logs only warnings and never asks servers for a share
     * of the projection's segments, unless told otherwise.
     */
    private static String[] withCliDefaults(List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs);
        for (String option : List.of(
                "--music.catalog.import-on-empty=false",
                "--logging.level.root=WARN",
                "--music.projection.balance=false")) {
            String name = option.substring(0, option.indexOf('=') + 1);
            if (springArgs.stream().noneMatch(arg -> arg.startsWith(name))) {
                args.add(option);
            }
        }
        return args.toArray(String[]::new);
    }

    private static boolean isSpringOption(String arg) {
        return arg.startsWith("--spring.")
                || arg.startsWith("--music.")
                || arg.startsWith("--logging.")
                || arg.startsWith("--axon.");
    }

    static void printHelp() {
        System.out.println("Usage: java -jar music.jar [COMMAND ARGS…]   (no command: serve the API)");
        COMMANDS.forEach(about -> System.out.println(about.helpLine()));
        System.out.println("Configuration options (--spring.datasource.url=…, --music.…=…) may follow the command.");
    }
}
