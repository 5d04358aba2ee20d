package dev.music.bench;

import dev.music.query.paging.PageRequest;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A search as the plain SQL anyone would write first: {@code ILIKE} on the title, the numeric
 * conditions, an exact {@code count(*)}, then the page sorted by the requested columns (the rating
 * figures as {@code songs} holds them) with {@code LIMIT} and {@code OFFSET}. The search bench's
 * yardstick, and its check that the service's counts are exact.
 */
final class NaiveSearch {

    private final JdbcTemplate jdbc;

    NaiveSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The exact count of the filter's matches. */
    long count(SongFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long count = jdbc.queryForObject("select count(*) from songs" + where, Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** The count, then the page's ids (none for a page past the end). */
    List<Long> page(SongFilter filter, List<SongOrder> ordering, PageRequest page) {
        long count = count(filter);
        long number = page.number(count);
        if (number < 0) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        List<String> keys = new ArrayList<>();
        ordering.forEach(order -> keys.add(order.column() + (order.descending() ? " desc" : "")));
        keys.add("id");
        args.add(page.size());
        args.add((number - 1) * page.size());
        return jdbc.queryForList(
                "select id from songs" + where + " order by " + String.join(", ", keys) + " limit ? offset ?",
                Long.class,
                args.toArray());
    }

    private static String where(SongFilter filter, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (filter.titleContains() != null) {
            terms.add("title ilike ? escape '\\'");
            args.add("%"
                    + filter.titleContains()
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%");
        }
        for (SongFilter.Condition condition : filter.conditions()) {
            String operator = switch (condition.operator()) {
                case AT_LEAST -> ">=";
                case AT_MOST -> "<=";
                case EQUALS -> "=";
            };
            terms.add(condition.column() + " " + operator + " ?");
            args.add(condition.value());
        }
        return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
    }
}
