package dev.music.query.song;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The statements {@link SongSearch} sends. Column names come only from {@link SongColumns} and
 * {@link SongRow#COLUMNS}; every value is a bind parameter.
 */
public final class SongSearchSql {

    static final String BY_TITLE = "select " + String.join(", ", SongRow.COLUMNS)
            + " from songs where title = ? order by total_ratings desc, id limit 1";

    static final String BY_SPOTIFY_ID =
            "select " + String.join(", ", SongRow.COLUMNS) + " from songs where spotify_id = ?";

    /** The rating figures, ordered through {@code song_rankings}. */
    private static final Set<String> RANKED = SongColumns.RATING;

    private static final String SONG_COLUMNS = SongRow.columnsOf("s");

    private SongSearchSql() {}

    /**
     * The WHERE clause of a filter over {@code songs s}, empty for no condition, with its bind values,
     * and the FROM clause it goes with: {@code songs s}, or for {@link #throughTitles} the titles
     * joined with the songs.
     */
    public record Where(String from, String sql, List<Object> args) {

        private static final String SONGS = " from songs s";
        private static final String TITLES = " from song_titles t";
        private static final String TITLES_WITH_SONGS = " from song_titles t join songs s on s.id = t.id";

        public Where(String sql, List<Object> args) {
            this(SONGS, sql, args);
        }

        /** A title term alone, matched in {@code song_titles t}: no column of {@code songs} is needed. */
        boolean titleAlone() {
            return from.equals(TITLES);
        }

        /** The FROM clause with {@code songs s} in it, for statements that read the songs' columns. */
        String withSongs() {
            return titleAlone() ? TITLES_WITH_SONGS : from;
        }

        /** The bind values, then more for the parameters that follow the clause. */
        public Object[] with(Object... more) {
            List<Object> all = new ArrayList<>(args);
            all.addAll(List.of(more));
            return all.toArray();
        }
    }

    /**
     * For plans that walk rows in order and test each: a term without trigrams is tested by ILIKE
     * alone (its pieces' function would be computed for every row walked).
     */
    public static Where where(SongFilter filter) {
        return where(filter, false, "s");
    }

    /**
     * For counting the matches of a filter, and cutting a page from the first of them: a title term
     * with trigrams is matched in {@code song_titles} ({@link #throughTitles}); one without is
     * tested by ILIKE on a scan ({@link #where(SongFilter)}), since for a common one ("on") the
     * pieces' index would fetch most of the table, where a scan reads it in order.
     */
    public static Where forCounting(SongFilter filter) {
        String term = filter.titleContains();
        return term != null && trigramIndexable(term) ? throughTitles(filter) : where(filter);
    }

    /**
     * For collecting the matches of a title term: the term is matched in the narrow
     * {@code song_titles t} (migration V15), through its trigram index or, for a term without
     * trigrams, the index of its one- and two-character pieces (V9; for a term with few matches:
     * for a common one it would fetch most of the table), and the songs are joined by id for the
     * other conditions. Without a title term, as {@link #where(SongFilter)}.
     */
    public static Where throughTitles(SongFilter filter) {
        if (filter.titleContains() == null) {
            return where(filter);
        }
        Where where = where(filter, true, "t");
        return new Where(
                filter.conditions().isEmpty() ? Where.TITLES : Where.TITLES_WITH_SONGS, where.sql(), where.args());
    }

    private static Where where(SongFilter filter, boolean indexed, String titles) {
        List<String> terms = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        String term = filter.titleContains();
        if (term != null) {
            // ILIKE with a pattern parameter is what the trigram index serves. A term that gives it
            // no trigram to look up would have it read the whole index, slower than any scan: the
            // column is hidden from it by an expression.
            if (trigramIndexable(term)) {
                terms.add(titles + ".title ilike ? escape '\\'");
            } else {
                terms.add((indexed ? "title_grams(" + titles + ".title) @> title_grams(?) and " : "") + "(" + titles
                        + ".title || '') ilike ? escape '\\'");
                if (indexed) {
                    args.add(term);
                }
            }
            args.add("%" + escapeLike(term) + "%");
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
     * The filter's count in {@code total}, with the {@link CatalogState} in the same snapshot. Conditions
     * on the rating figures alone are counted in the narrow {@code song_rankings}, through its
     * indexes on them.
     */
    static String count(Where where, boolean ratingsOnly) {
        String from = ratingsOnly ? " from song_rankings s" : where.from();
        return "select " + CatalogState.COLUMNS + ", (select count(*)" + from + where.sql()
                + ") as total from catalog_state c";
    }

    /**
     * The matches up to a bound, counted, and the page cut from them when they are no more than
     * a second bound: parameters the bounds, then limit and offset. A row carries the count in
     * {@code total}, with the {@link CatalogState} in the same snapshot; a lone row with no song
     * says that there is no page to cut.
     */
    static String countedPage(Where where, List<SongOrder> ordering) {
        return "with matches as materialized (select " + SONG_COLUMNS + where.withSongs() + where.sql() + " limit ?),"
                + " counted as (select (select count(*) from matches) as total, " + CatalogState.COLUMNS
                + " from catalog_state c)"
                + " select page.*, counted.* from counted left join lateral (select * from matches where counted.total <= ?"
                + orderBy(ordering, false) + " limit ? offset ?) page on true" + orderBy(ordering, false);
    }

    /**
     * Every match collected first, then sorted: parameters limit and offset. A title term alone
     * ordered by the title or a rating figure is sorted on the narrow rows of {@code song_titles}
     * (and {@code song_rankings}) before the page's songs are read; otherwise every match's song
     * is read for the sort.
     */
    static String matchesFirst(Where where, List<SongOrder> ordering) {
        boolean narrow = where.titleAlone()
                && ordering.stream()
                        .allMatch(o -> RANKED.contains(o.column())
                                || Set.of("title", "id").contains(o.column()));
        if (!narrow) {
            return "with matches as materialized (select " + SONG_COLUMNS + where.withSongs() + where.sql() + ")"
                    + " select * from matches" + orderBy(ordering, false) + " limit ? offset ?";
        }
        boolean ranked = ordering.stream().anyMatch(o -> RANKED.contains(o.column()));
        return "with matches as materialized (select t.id, t.title from song_titles t" + where.sql() + ")"
                + " select " + SONG_COLUMNS + " from (select m.id, m.title"
                + (ranked
                        ? ", r.total_ratings, r.average_rating from matches m join song_rankings r on r.id = m.id"
                        : " from matches m")
                + orderBy(ordering, column -> (RANKED.contains(column) ? "r." : "m.") + column)
                + " limit ? offset ?) p join songs s on s.id = p.id"
                + orderBy(ordering, column -> "p." + column);
    }

    /** The first songs in order, as many as a budget (the first parameter); then those of them the filter keeps. */
    static String boundedWalk(Where where, List<SongOrder> ordering) {
        return "select * from (" + select(ordering) + orderBy(ordering, true) + " limit ?) s" + where.sql()
                + orderBy(ordering, false) + " limit ? offset ?";
    }

    /** The songs in order, filtered as they come: parameters limit and offset. */
    static String walk(Where where, List<SongOrder> ordering) {
        return ordered(where, ordering) + " limit ? offset ?";
    }

    /** Every song the filter keeps, in order. */
    static String ordered(Where where, List<SongOrder> ordering) {
        return select(ordering) + where.sql() + orderBy(ordering, true);
    }

    /**
     * The songs, joined with their rankings when the ordering is by a rating figure: the
     * rankings' indexes serve those orders (the figures in {@code songs} are not indexed).
     */
    private static String select(List<SongOrder> ordering) {
        return "select " + SONG_COLUMNS + " from songs s"
                + (ordering.stream().anyMatch(o -> RANKED.contains(o.column()))
                        ? " join song_rankings r on r.id = s.id"
                        : "");
    }

    /**
     * The ORDER BY, its columns qualified for {@link #select} or plain for the columns of a
     * subquery. It always ends with the id, so that songs with equal keys come back in the same
     * order on every page and no page overlaps or skips another.
     */
    private static String orderBy(List<SongOrder> ordering, boolean qualified) {
        return orderBy(ordering, column -> !qualified ? column : (RANKED.contains(column) ? "r." : "s.") + column);
    }

    /** The ORDER BY, each column as {@code qualify} names it, ending with the id. */
    private static String orderBy(List<SongOrder> ordering, java.util.function.UnaryOperator<String> qualify) {
        List<String> keys = new ArrayList<>();
        boolean hasId = false;
        for (SongOrder order : ordering) {
            if (!SongColumns.ORDERABLE.contains(order.column())) {
                throw new IllegalArgumentException("not an orderable column: " + order.column());
            }
            keys.add(qualify.apply(order.column()) + (order.descending() ? " desc" : ""));
            hasId |= order.column().equals("id");
        }
        if (!hasId) {
            keys.add(qualify.apply("id"));
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

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
