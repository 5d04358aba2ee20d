package dev.music.command;

/**
 * The command side's routes run in the application roles {@code all} and {@code command}
 * ({@code music.role}), not in {@code query}: write controllers carry
 * {@code @ConditionalOnExpression(CommandSide.ENABLED)}.
 */
public final class CommandSide {

    public static final String ENABLED = "!'${music.role:all}'.equalsIgnoreCase('query')";

    private CommandSide() {}
}
