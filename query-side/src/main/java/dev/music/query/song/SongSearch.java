package dev.music.query.song;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the {@code songs} table for the API. Column names come only from
 * {@link SongColumns}; every value is a bind parameter.
 */
@Repository
public class SongSearch {

    /** Rows a count estimate samples, about: enough to be within a few percent for large counts. */
    private static final double SAMPLED_ROWS = 20_000;

    /** The rating figures, ordered through {@code song_rankings}. */
    private static final Set<String> RANKED = Set.of("total_ratings", "average_rating");
    private static final String SONG_COLUMNS = String.join(", ",
            Arrays.stream(SongRow.COLUMNS.split(",")).map(column -> "s." + column.strip()).toList());

    private final JdbcTemplate jdbc;
    private final org.springframework.transaction.support.TransactionTemplate readOnly;
    private final long exactCountLimit;
    private final Plan plan;

    @Autowired
    public SongSearch(JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate transactions,
                      @Value("${music.search.exact-count-limit:1000}") long exactCountLimit) {
        this(jdbc, transactions, exactCountLimit, Plan.DEFAULT);
    }

    public SongSearch(JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate transactions,
                      long exactCountLimit, Plan plan) {
        this.jdbc = new CustomPlanJdbcTemplate(jdbc);
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.exactCountLimit = exactCountLimit;
        this.plan = plan;
    }

    /**
     * Where the plans of a page change, by the number of matches of a title term.
     *
     * @param fewMatches up to this many matches of a term the trigram index serves are collected and sorted,
     *                   unless a bounded walk would read fewer rows than there are matches
     * @param fewMatchesWithoutIndex the same for a term it cannot serve, which one scan of the table finds
     * @param manyMatches up to this many (and more than few), a page is looked for by a bounded walk first
     * @param walkMargin how many times the rows the matches' share predicts a bounded walk may read
     * @param minWalk the fewest rows a bounded walk may read
     * @param maxWalk the most; no walk when the prediction is larger
     */
    public record Plan(long fewMatches, long fewMatchesWithoutIndex, long manyMatches, double walkMargin,
                       long minWalk, long maxWalk) {
        public static final Plan DEFAULT = new Plan(20_000, 200, 100_000, 4, 1_000, 50_000);
    }

    /** How many songs a filter keeps: exact, or estimated from a sample of the table. */
    public record Count(long value, boolean exact) {
    }

    /**
     * How many songs the filter keeps: counted exactly up to the exact-count limit, beyond it
     * estimated from a random sample of the table's pages. Counting half a million matches
     * exactly reads half a million rows; a page of them needs 25.
     */
    public Count count(SongFilter filter) {
        Where where = where(filter);
        Long bounded = jdbc.queryForObject("select count(*) from (select 1 from songs s" + where.sql + " limit ?) bounded",
                Long.class, withArgs(where.args, exactCountLimit + 1));
        if (bounded == null || bounded <= exactCountLimit) {
            return new Count(bounded == null ? 0 : bounded, true);
        }
        return estimateBeyondLimit(filter);
    }

    /**
     * The count of a filter known to keep more songs than the exact-count limit: estimated from
     * a random sample of the table's pages, and never below the limit.
     */
    public Count estimateBeyondLimit(SongFilter filter) {
        Where where = where(filter);
        Double rows = jdbc.queryForObject("select reltuples from pg_class where oid = 'songs'::regclass", Double.class);
        if (rows == null || rows <= 0) {
            return new Count(exactCount(filter), true);
        }
        double percent = Math.min(100, 100 * SAMPLED_ROWS / rows);
        Long sampled = jdbc.queryForObject("select count(*) from songs s tablesample system (" + percent + ")" + where.sql,
                Long.class, where.args.toArray());
        long estimate = Math.round((sampled == null ? 0 : sampled) * 100 / percent);
        return new Count(Math.max(exactCountLimit + 1, estimate), false);
    }

    /** A page of songs with the count of every match. */
    public record Page(Count count, List<SongRow> rows) {
    }

    /**
     * Counts the matches of a title search and cuts the page from them in one statement, when
     * they are no more than the exact-count limit: the trigram index's candidates are read and
     * rechecked once, where {@link #count} and then {@link #find} would do it twice. Empty when
     * there is no title term ({@link #count} and {@link #find} answer), or more matches
     * ({@link #estimateBeyondLimit} and {@link #find}).
     */
    public Optional<Page> fewMatches(SongFilter filter, List<SongOrder> ordering, long offset, int limit) {
        if (filter.titleContains() == null) {
            return Optional.empty();
        }
        Where where = where(filter);
        String sql = "with matches as materialized (select " + SONG_COLUMNS + " from songs s" + where.sql + " limit ?),"
                + " counted as (select count(*) as total from matches)"
                + " select page.*, counted.total from counted left join lateral (select * from matches where counted.total <= ?"
                + orderBy(ordering, false) + " limit ? offset ?) page on true" + orderBy(ordering, false);
        long[] total = {0};
        List<SongRow> rows = new ArrayList<>();
        jdbc.query(sql, row -> {
            total[0] = row.getLong("total");
            if (row.getObject("id") != null) {
                rows.add(SongRow.read(row));
            }
        }, withArgs(where.args, exactCountLimit + 1, exactCountLimit, limit, offset));
        return total[0] > exactCountLimit ? Optional.empty() : Optional.of(new Page(new Count(total[0], true), rows));
    }

    /** The exact count, however many rows it reads (for {@code page=last}). */
    public long exactCount(SongFilter filter) {
        Where where = where(filter);
        Long count = jdbc.queryForObject("select count(*) from songs s" + where.sql, Long.class, where.args.toArray());
        return count == null ? 0 : count;
    }

    /**
     * One page of songs. The ordering always ends with the id, so that songs with equal keys
     * come back in the same order on every page and no page overlaps or skips another.
     *
     * <p>A title term with matches, but not so many that they are everywhere, is first looked
     * for by walking the ordering's index over a bounded number of songs (a few times as many as
     * the matches' share of the catalog says the page needs; among few matches, only when that is
     * fewer than the matches): when the page is found there, it is exactly the page, at the cost
     * of those rows. When the matches cluster where the walk does not reach (a term common among
     * titles late in the alphabet, ordered by title), the matches are collected through the
     * trigram index and sorted instead, at a cost bounded by their number, where an unbounded
     * walk could read the table.
     *
     * @param matching how many songs the filter matches ({@link #count}), which decides the plan
     */
    public List<SongRow> find(SongFilter filter, List<SongOrder> ordering, long matching, long offset, int limit) {
        Where where = where(filter);
        String term = filter.titleContains();
        if (term != null && trigramIndexable(term) && matching <= plan.manyMatches()) {
            long budget = walkBudget(matching, offset + limit);
            // Collecting the matches costs about a row read each: among few, walk only when that reads fewer.
            if (budget > 0 && (matching > plan.fewMatches() || budget < matching)) {
                List<Object> walkArgs = new ArrayList<>();
                walkArgs.add(budget);
                walkArgs.addAll(where.args);
                List<SongRow> walked = jdbc.query(boundedWalkSql(filter, ordering), (rs, n) -> SongRow.read(rs),
                        withArgs(walkArgs, limit, offset));
                if (walked.size() == limit) {
                    return walked;
                }
            }
            return jdbc.query(matchesFirstSql(filter, ordering), (rs, n) -> SongRow.read(rs),
                    withArgs(where.args, limit, offset));
        }
        return jdbc.query(sql(filter, ordering, matching), (rs, n) -> SongRow.read(rs), withArgs(where.args, limit, offset));
    }

    /**
     * The SQL of {@link #find} without a bounded walk. When a title filter matches few songs, the
     * matches are collected first (through the trigram index, or one scan for a term it cannot
     * serve) and sorted afterwards; otherwise PostgreSQL is free to walk an ordering index and
     * filter as it goes.
     */
    public String sql(SongFilter filter, List<SongOrder> ordering, long matching) {
        String term = filter.titleContains();
        if (term != null && fewMatching(term, matching)) {
            return matchesFirstSql(filter, ordering);
        }
        return select(ordering) + where(filter).sql + orderBy(ordering, true) + " limit ? offset ?";
    }

    private boolean fewMatching(String term, long matching) {
        return matching <= (trigramIndexable(term) ? plan.fewMatches() : plan.fewMatchesWithoutIndex());
    }

    private static String matchesFirstSql(SongFilter filter, List<SongOrder> ordering) {
        return "with matches as materialized (select " + SONG_COLUMNS + " from songs s" + where(filter).sql + ")"
                + " select * from matches" + orderBy(ordering, false) + " limit ? offset ?";
    }

    /** The first songs in order, as many as the budget; then those of them the filter keeps. */
    private static String boundedWalkSql(SongFilter filter, List<SongOrder> ordering) {
        return "select * from (" + select(ordering) + orderBy(ordering, true) + " limit ?) s" + where(filter).sql
                + orderBy(ordering, false) + " limit ? offset ?";
    }

    /**
     * How many songs in order a walk may read for the first {@code needed} matches: a margin
     * times what the matches' share of the catalog predicts, within the plan's bounds; 0 (no
     * walk) when that is more than the most.
     */
    private long walkBudget(long matching, long needed) {
        Double rows = jdbc.queryForObject("select reltuples from pg_class where oid = 'songs'::regclass", Double.class);
        if (rows == null || rows <= 0 || matching <= 0) {
            return 0;
        }
        double predicted = plan.walkMargin() * needed * rows / matching;
        return predicted > plan.maxWalk() ? 0 : Math.max(plan.minWalk(), (long) predicted);
    }

    /**
     * Every song the filter keeps, in the given order, fed to {@code sink} row by row from a
     * server-side cursor: constant memory for the whole catalog.
     */
    public void stream(SongFilter filter, List<SongOrder> ordering, java.util.function.Consumer<SongRow> sink) {
        Where where = where(filter);
        String sql = select(ordering) + where.sql + orderBy(ordering, true);
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
            // ILIKE with a pattern parameter is what the trigram index serves. A term that gives it
            // no trigram to look up would have it read the whole index, slower than any scan, so
            // for such a term the column is hidden from it by an expression.
            terms.add((trigramIndexable(filter.titleContains()) ? "s.title" : "(s.title || '')") + " ilike ? escape '\\'");
            args.add("%" + escapeLike(filter.titleContains()) + "%");
        }
        for (SongFilter.Condition condition : filter.conditions()) {
            if (!SongColumns.NUMERIC.contains(condition.column())) {
                throw new IllegalArgumentException("not a numeric column: " + condition.column());
            }
            terms.add("s." + condition.column() + " " + condition.operator().sql + " ?");
            args.add(bound(condition));
        }
        return new Where(terms.isEmpty() ? "" : " where " + String.join(" and ", terms), args);
    }

    /**
     * The songs, joined with their rankings when the ordering is by a rating figure: the
     * rankings' indexes serve those orders (the figures in {@code songs} are not indexed).
     */
    private static String select(List<SongOrder> ordering) {
        return "select " + SONG_COLUMNS + " from songs s"
                + (ordering.stream().anyMatch(o -> RANKED.contains(o.column())) ? " join song_rankings r on r.id = s.id" : "");
    }

    /** The ORDER BY, its columns qualified for {@link #select} or plain for the columns of a subquery. */
    private static String orderBy(List<SongOrder> ordering, boolean qualified) {
        List<String> keys = new ArrayList<>();
        boolean hasId = false;
        for (SongOrder order : ordering) {
            if (!SongColumns.ORDERABLE.contains(order.column())) {
                throw new IllegalArgumentException("not an orderable column: " + order.column());
            }
            String table = !qualified ? "" : RANKED.contains(order.column()) ? "r." : "s.";
            keys.add(table + order.column() + (order.descending() ? " desc" : ""));
            hasId |= order.column().equals("id");
        }
        if (!hasId) {
            keys.add(qualified ? "s.id" : "id");
        }
        return " order by " + String.join(", ", keys);
    }

    /**
     * Whether the trigram index can serve a search for this term: whether pg_trgm finds a trigram
     * in {@code %term%}. It cuts the pattern into runs of letters and digits, pads a run with two
     * blanks where a non-word character precedes it in the term and one where one follows, and
     * takes the trigrams of what is three characters or longer ("X El" has " el"; "ab" has none).
     */
    static boolean trigramIndexable(String term) {
        int[] codePoints = term.codePoints().toArray();
        int start = 0;
        while (start < codePoints.length) {
            if (!Character.isLetterOrDigit(codePoints[start])) {
                start++;
                continue;
            }
            int end = start;
            while (end < codePoints.length && Character.isLetterOrDigit(codePoints[end])) {
                end++;
            }
            int padded = end - start + (start > 0 ? 2 : 0) + (end < codePoints.length ? 1 : 0);
            if (padded >= 3) {
                return true;
            }
            start = end;
        }
        return false;
    }

    /**
     * The value to bind: for a column of whole numbers a whole number, so that PostgreSQL
     * compares the column as it is, with its index and statistics (against a double it would cast
     * every row and guess at the selectivity). A bound between whole numbers moves to the next one
     * inside the range; an equality with a fraction stays a double, which no row equals.
     */
    private static Object bound(SongFilter.Condition condition) {
        double value = condition.value();
        if (!SongColumns.INTEGRAL.contains(condition.column())) {
            return value;
        }
        double whole = switch (condition.operator()) {
            case AT_LEAST -> Math.ceil(value);
            case AT_MOST -> Math.floor(value);
            case EQUALS -> value == Math.rint(value) ? value : Double.NaN;
        };
        return Double.isNaN(whole) || Math.abs(whole) >= 0x1p62 ? (Object) value : (Object) (long) whole;
    }

    private static Object[] withArgs(List<Object> args, Object... more) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray();
    }

    static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Where(String sql, List<Object> args) {
    }
}
