package dev.music.app;

import dev.music.app.cli.CommandLineTools;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The music discovery and rating service: both sides of the application in one process. With a
 * command name as first argument ({@code load-music FILE}, …) it runs that command and exits.
 */
// Accounts live in the database and tokens are JWTs: no generated in-memory user, ever.
@SpringBootApplication(scanBasePackages = "dev.music", exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan("dev.music")
public class MusicApplication {

    public static void main(String[] args) {
        // Axon reports usage to its vendor unless told not to; this service never phones home.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (args.length > 0 && CommandLineTools.isCommand(args[0])) {
            System.exit(CommandLineTools.run(MusicApplication.class, args));
        }
        SpringApplication.run(MusicApplication.class, args);
    }
}
