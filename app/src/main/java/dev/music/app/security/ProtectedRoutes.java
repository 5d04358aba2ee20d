package dev.music.app.security;

import java.util.List;
import java.util.Optional;
import org.springframework.util.AntPathMatcher;

/**
 * Which routes need a bearer token, and of which role: the one table the security chain enforces
 * and the OpenAPI document declares, so that the two cannot disagree.
 */
public final class ProtectedRoutes {

    /** Routes matched by these patterns need a token; {@code role} null: any signed-in account. */
    public record Rule(List<String> patterns, String role) {}

    public static final List<Rule> RULES = List.of(
            new Rule(List.of("/api/admin/**"), "ADMIN"),
            new Rule(List.of("/api/audit/**", "/api/songs/*/ratings/**"), "AUDITOR"),
            new Rule(List.of("/api/rating/**", "/api/me/**"), null));

    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private ProtectedRoutes() {}

    /** The rule a route (its path template, {@code {name}} for a variable segment) falls under, if any. */
    public static Optional<Rule> of(String pathTemplate) {
        String path = pathTemplate.replaceAll("\\{[^}/]+}", "x");
        return RULES.stream()
                .filter(rule -> rule.patterns().stream().anyMatch(pattern -> MATCHER.match(pattern, path)))
                .findFirst();
    }
}
