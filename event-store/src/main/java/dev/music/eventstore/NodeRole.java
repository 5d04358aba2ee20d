package dev.music.eventstore;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.env.PropertyResolver;

/**
 * What a node of a deployment does with the event store ({@code music.role}): {@code all} (the
 * default) appends and projects, {@code command} appends (the write routes, no projectors),
 * {@code query} projects and reads (the read routes and the projectors).
 */
public enum NodeRole {
    ALL,
    COMMAND,
    QUERY;

    public static final String PROPERTY = "music.role";

    /** The role a setting names, in any case; empty for a name that is none of them. */
    public static Optional<NodeRole> named(String name) {
        return Arrays.stream(values())
                .filter(role -> role.name().equalsIgnoreCase(name.strip()))
                .findFirst();
    }

    /** This node's role as configured; empty for a name that is none of them (refused as the application starts). */
    public static Optional<NodeRole> configured(PropertyResolver settings) {
        return named(settings.getProperty(PROPERTY, "all"));
    }

    /** The roles' names, as the setting spells them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(NodeRole::toString).toList();
    }

    public boolean runsCommandSide() {
        return this != QUERY;
    }

    public boolean runsQuerySide() {
        return this != COMMAND;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
