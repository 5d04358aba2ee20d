package dev.music.query.song;

import java.util.List;

/**
 * Which songs a search keeps: an optional case-insensitive title substring and numeric
 * conditions on columns of the {@code songs} table.
 */
public record SongFilter(String titleContains, List<Condition> conditions) {

    public SongFilter {
        conditions = List.copyOf(conditions);
    }

    /** Whether it keeps every song. */
    public boolean isEmpty() {
        return titleContains == null && conditions.isEmpty();
    }

    /** {@code column operator value}, with a column and operator from {@link SongColumns}. */
    public record Condition(String column, Operator operator, double value) {}

    public enum Operator {
        AT_LEAST(">="),
        AT_MOST("<="),
        EQUALS("=");

        final String sql;

        Operator(String sql) {
            this.sql = sql;
        }
    }
}
