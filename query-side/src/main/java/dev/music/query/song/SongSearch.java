package dev.music.query.song;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the {@code songs} table for the API. Column names come only from
 * {@link SongColumns}; every value is a bind parameter.
 */
@Repository
public class SongSearch {

    /** Up to this many title matches are sorted after the trigram index found them. */
    static final long FEW_MATCHES = 20_000;

    private final JdbcTemplate jdbc;
    private final org.springframework.transaction.support.TransactionTemplate readOnly;

    public SongSearch(JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    public long count(SongFilter filter) {
        Where where = where(filter);
        Long count = jdbc.queryForObject("select count(*) from songs" + where.sql, Long.class, where.args.toArray());
        return count == null ? 0 : count;
    }

    /**
     * One page of songs. The ordering always ends with the id, so that songs with equal keys
     * come back in the same order on every page and no page overlaps or skips another.
     *
     * @param matching how many songs the filter matches ({@link #count}), which decides the plan
     */
    public List<SongRow> find(SongFilter filter, List<SongOrder> ordering, long matching, long offset, int limit) {
        List<Object> args = new ArrayList<>(where(filter).args);
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql(filter, ordering, matching), (rs, n) -> SongRow.read(rs), args.toArray());
    }

    /**
     * The SQL of {@link #find}. When a title filter matches few songs, the matches are collected
     * through the trigram index first and sorted afterwards; otherwise PostgreSQL is free to
     * walk an ordering index and filter as it goes, which finds a page of a common term at once
     * but would read the whole table for a rare one.
     */
    public String sql(SongFilter filter, List<SongOrder> ordering, long matching) {
        String where = where(filter).sql;
        if (filter.titleContains() != null && matching <= FEW_MATCHES) {
            return "with matches as materialized (select " + SongRow.COLUMNS + " from songs" + where + ")"
                    + " select * from matches" + orderBy(ordering) + " limit ? offset ?";
        }
        return "select " + SongRow.COLUMNS + " from songs" + where + orderBy(ordering) + " limit ? offset ?";
    }

    /**
     * Every song the filter keeps, in the given order, fed to {@code sink} row by row from a
     * server-side cursor: constant memory for the whole catalog.
     */
    public void stream(SongFilter filter, List<SongOrder> ordering, java.util.function.Consumer<SongRow> sink) {
        Where where = where(filter);
        String sql = "select " + SongRow.COLUMNS + " from songs" + where.sql + orderBy(ordering);
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setFetchSize(1_000);
            for (int i = 0; i < where.args.size(); i++) {
                statement.setObject(i + 1, where.args.get(i));
            }
            return statement;
        }, row -> {
            sink.accept(SongRow.read(row));
        }));
    }

    /** The song with exactly this title; of several, the most rated, then the lowest id. */
    public Optional<SongRow> findByTitle(String title) {
        return jdbc.query("select " + SongRow.COLUMNS + " from songs where title = ? order by total_ratings desc, id"
                + " limit 1", (rs, n) -> SongRow.read(rs), title).stream().findFirst();
    }

    public Optional<SongRow> findBySpotifyId(String spotifyId) {
        return jdbc.query("select " + SongRow.COLUMNS + " from songs where spotify_id = ?",
                (rs, n) -> SongRow.read(rs), spotifyId).stream().findFirst();
    }

    /** The bind values of {@link #sql}, without limit and offset. */
    public List<Object> args(SongFilter filter) {
        return where(filter).args;
    }

    private static Where where(SongFilter filter) {
        List<String> terms = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.titleContains() != null) {
            // ILIKE with a pattern parameter is what the trigram index serves.
            terms.add("title ilike ? escape '\\'");
            args.add("%" + escapeLike(filter.titleContains()) + "%");
        }
        for (SongFilter.Condition condition : filter.conditions()) {
            if (!SongColumns.NUMERIC.contains(condition.column())) {
                throw new IllegalArgumentException("not a numeric column: " + condition.column());
            }
            terms.add(condition.column() + " " + condition.operator().sql + " ?");
            args.add(condition.value());
        }
        return new Where(terms.isEmpty() ? "" : " where " + String.join(" and ", terms), args);
    }

    private static String orderBy(List<SongOrder> ordering) {
        List<String> keys = new ArrayList<>();
        boolean hasId = false;
        for (SongOrder order : ordering) {
            if (!SongColumns.ORDERABLE.contains(order.column())) {
                throw new IllegalArgumentException("not an orderable column: " + order.column());
            }
            keys.add(order.column() + (order.descending() ? " desc" : ""));
            hasId |= order.column().equals("id");
        }
        if (!hasId) {
            keys.add("id");
        }
        return " order by " + String.join(", ", keys);
    }

    static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Where(String sql, List<Object> args) {
    }
}
