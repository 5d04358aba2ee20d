package dev.music.query;

/**
 * The query side runs in the application roles {@code all} and {@code query}
 * ({@code music.role}), not in {@code command}: projectors and read routes carry
 * {@code @ConditionalOnExpression(QuerySide.ENABLED)}.
 */
public final class QuerySide {

    public static final String ENABLED = "!'${music.role:all}'.equalsIgnoreCase('command')";

    private QuerySide() {}
}
