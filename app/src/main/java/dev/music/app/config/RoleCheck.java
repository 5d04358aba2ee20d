package dev.music.app.config;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code music.role}: {@code all} (default), {@code command} (write routes, no projectors) or
 * {@code query} (read routes and projectors). Each side decides whether it runs by its own
 * condition ({@code CommandSide.ENABLED}, {@code QuerySide.ENABLED}), which would quietly run both
 * for a misspelt role; this refuses any other value as the application starts.
 */
@Configuration(proxyBeanMethods = false)
class RoleCheck {

    static final List<String> ROLES = List.of("all", "command", "query");

    RoleCheck(Environment environment) {
        String role = environment.getProperty("music.role", "all");
        if (!ROLES.contains(role.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("music.role is '" + role + "': it must be one of " + ROLES);
        }
    }
}
