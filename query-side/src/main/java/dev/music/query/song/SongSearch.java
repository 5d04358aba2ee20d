package dev.music.query.song;

import dev.music.query.ReadRouter;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.SongSearchSql.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads of the {@code songs} table for the API; the statements are {@link SongSearchSql}'s. Every
 * count is exact: the unfiltered one is the catalog's own figure ({@link CatalogState}), others are
 * counted and remembered for as long as what they depend on holds ({@link CatalogCounts}).
 */
@Repository
public class SongSearch {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final CatalogCounts counts;
    private final Plan plan;
    private final StoredCounts stored;
    private final UnfinishedCounts unfinished = new UnfinishedCounts();

    @Autowired
    public SongSearch(ReadRouter reads, SearchProperties properties, StoredCounts stored) {
        this(reads.jdbc(), reads.transactions(), new CatalogCounts(properties.countCacheSize()), Plan.DEFAULT, stored);
    }

    public SongSearch(JdbcTemplate jdbc, TransactionTemplate transactions, SearchProperties properties) {
        this(jdbc, transactions, properties, Plan.DEFAULT);
    }

    public SongSearch(JdbcTemplate jdbc, TransactionTemplate transactions, SearchProperties properties, Plan plan) {
        this(jdbc, transactions, new CatalogCounts(properties.countCacheSize()), plan);
    }

    /** With counts shared with other searches of the same database (one per connection, say). */
    public SongSearch(JdbcTemplate jdbc, TransactionTemplate transactions, CatalogCounts counts, Plan plan) {
        this(jdbc, transactions, counts, plan, null);
    }

    /**
     * With counts remembered in {@code counts} and, when {@code stored} is not null, stored in the
     * database for every node and the next start.
     */
    public SongSearch(
            JdbcTemplate jdbc, TransactionTemplate transactions, CatalogCounts counts, Plan plan, StoredCounts stored) {
        this.stored = stored;
        this.jdbc = new CustomPlanJdbcTemplate(jdbc);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.counts = counts;
        this.plan = plan;
    }

    /**
     * Where the plans of a page change, by the number of matches of a title term.
     *
     * @param countedWithPage up to this many matches of a term whose count is not known yet are
     *                        counted and paged in one statement
     * @param fewMatches up to this many matches of a term are collected through an index of the titles and
     *                   sorted, unless a bounded walk would read fewer rows than there are matches
     * @param manyMatches up to this many (and more than few), a page is looked for by a bounded walk first
     * @param walkMargin how many times the rows the matches' share predicts a bounded walk may read
     * @param minWalk the fewest rows a bounded walk may read
     * @param maxWalk the most; no walk when the prediction is larger
     */
    public record Plan(
            long countedWithPage, long fewMatches, long manyMatches, double walkMargin, long minWalk, long maxWalk) {
        public static final Plan DEFAULT = new Plan(1_000, 20_000, 100_000, 4, 1_000, 50_000);
    }

    /**
     * A page of songs with the exact count of every match.
     *
     * @param number the page's number, -1 when the request names no page of the matches
     */
    public record Page(long count, long number, List<SongRow> rows) {}

    /**
     * The page a request names, with the exact count of the filter's matches. A title search
     * whose count is not known yet and that has no more matches than the plan's {@code countedWithPage} is
     * counted and paged in one statement.
     */
    public Page page(SongFilter filter, List<SongOrder> ordering, PageRequest page) {
        CatalogState catalog;
        OptionalLong known;
        if (stored != null && StoredCounts.storable(filter)) {
            // the state and the count stored for it, in one statement
            StoredCounts.Read read = StoredCounts.read(jdbc, filter);
            catalog = read.state();
            known = counts.get(filter, catalog);
            if (known.isEmpty() && read.count().isPresent()) {
                known = read.count();
                counts.put(filter, catalog, known.getAsLong());
            }
        } else {
            catalog = CatalogCounts.ofCatalogAlone(filter) ? CatalogState.readCatalog(jdbc) : CatalogState.read(jdbc);
            known = filter.isEmpty() ? OptionalLong.of(catalog.songs()) : counts.get(filter, catalog);
        }
        long requested = page.requested();
        if (known.isEmpty() && requested >= 1) {
            Optional<Page> few = fewMatches(filter, ordering, page, (requested - 1) * page.size());
            if (few.isPresent()) {
                return few.get();
            }
        }
        long count = known.isPresent() ? known.getAsLong() : count(filter);
        long number = page.number(count);
        List<SongRow> rows = number < 0
                ? List.of()
                : find(filter, ordering, count, (number - 1) * page.size(), page.size(), catalog.songs());
        return new Page(count, number, rows);
    }

    /**
     * Every song the filter keeps, in the given order, fed to {@code sink} row by row from a
     * server-side cursor: constant memory for the whole catalog.
     */
    public void stream(SongFilter filter, List<SongOrder> ordering, Consumer<SongRow> sink) {
        Where where = SongSearchSql.where(filter);
        String sql = SongSearchSql.ordered(where, ordering);
        readOnly.executeWithoutResult(status -> jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(1_000);
                    for (int i = 0; i < where.args().size(); i++) {
                        statement.setObject(i + 1, where.args().get(i));
                    }
                    return statement;
                },
                row -> {
                    sink.accept(SongRow.read(row));
                }));
    }

    /** The song with exactly this title; of several, the most rated, then the lowest id. */
    public Optional<SongRow> findByTitle(String title) {
        return jdbc.query(SongSearchSql.BY_TITLE, (rs, n) -> SongRow.read(rs), title).stream()
                .findFirst();
    }

    public Optional<SongRow> findBySpotifyId(String spotifyId) {
        return jdbc.query(SongSearchSql.BY_SPOTIFY_ID, (rs, n) -> SongRow.read(rs), spotifyId).stream()
                .findFirst();
    }

    /**
     * Counts the matches of a title search and cuts the page from them in one statement, when
     * they are no more than the plan's {@code countedWithPage}: the title index's candidates are read and
     * rechecked once, where {@link #count} and then {@link #find} would do it twice. Empty when
     * there is no title term, or more matches.
     */
    private Optional<Page> fewMatches(SongFilter filter, List<SongOrder> ordering, PageRequest page, long offset) {
        if (filter.titleContains() == null || plan.countedWithPage() <= 0) {
            return Optional.empty();
        }
        Where where = SongSearchSql.forCounting(filter);
        long[] total = {0};
        CatalogState[] state = {null};
        List<SongRow> rows = new ArrayList<>();
        jdbc.query(
                SongSearchSql.countedPage(where, ordering),
                row -> {
                    total[0] = row.getLong("total");
                    state[0] = CatalogState.of(row);
                    if (row.getObject("id") != null) {
                        rows.add(SongRow.read(row));
                    }
                },
                where.with(plan.countedWithPage() + 1, plan.countedWithPage(), page.size(), offset));
        if (total[0] > plan.countedWithPage()) {
            return Optional.empty();
        }
        remember(filter, state[0], total[0]);
        return Optional.of(new Page(total[0], page.number(total[0]), rows));
    }

    /** How many songs the filter keeps, counted now and remembered with the state it was counted in. */
    private long count(SongFilter filter) {
        Where where = SongSearchSql.forCounting(filter);
        boolean ratingsOnly = filter.titleContains() == null
                && filter.conditions().stream().allMatch(condition -> SongColumns.RATING.contains(condition.column()));
        try {
            return jdbc.queryForObject(
                    SongSearchSql.count(where, ratingsOnly),
                    (row, n) -> {
                        long count = row.getLong("total");
                        remember(filter, CatalogState.of(row), count);
                        return count;
                    },
                    where.with());
        } catch (QueryTimeoutException e) {
            // A count of the catalog alone stays good once made: finish it for the requests to come.
            if (CatalogCounts.ofCatalogAlone(filter)) {
                unfinished.finish(filter, () -> count(filter));
            }
            throw e;
        }
    }

    /** Remembers a count made in this state, and stores it for every node when it can be. */
    private void remember(SongFilter filter, CatalogState state, long count) {
        counts.put(filter, state, count);
        if (stored != null) {
            stored.store(filter, state, count);
        }
    }

    /**
     * One page of songs.
     *
     * <p>A title term with matches, but not so many that they are everywhere, is first looked
     * for by walking the ordering's index over a bounded number of songs (a few times as many as
     * the matches' share of the catalog says the page needs; among few matches, only when that is
     * fewer than the matches): when the page is found there, it is exactly the page, at the cost
     * of those rows. When the matches cluster where the walk does not reach (a term common among
     * titles late in the alphabet, ordered by title), the matches are collected through the
     * title's trigram index and sorted instead, at a cost bounded by their number, where an
     * unbounded walk could read the table. A term without trigrams is collected through the index
     * of the titles' one- and two-character pieces when it has few matches, and walked otherwise.
     * Without a title term, or with one that matches many songs, PostgreSQL is free to walk an
     * ordering index and filter as it goes.
     *
     * @param matching how many songs the filter matches, which decides the plan
     */
    private List<SongRow> find(
            SongFilter filter, List<SongOrder> ordering, long matching, long offset, int limit, long catalogSongs) {
        Where where = SongSearchSql.where(filter);
        String term = filter.titleContains();
        if (term != null && !SongSearchSql.trigramIndexable(term)) {
            // A term without trigrams: few matches are collected through the index of the titles'
            // pieces, many are met on a walk in order (the pieces of a common term, "on", are in
            // most titles, and their index would fetch every one of them).
            Where pieces = SongSearchSql.throughTitles(filter);
            return titleMatches(filter, matching) <= plan.fewMatches()
                    ? jdbc.query(
                            SongSearchSql.matchesFirst(pieces, ordering),
                            (rs, n) -> SongRow.read(rs),
                            pieces.with(limit, offset))
                    : jdbc.query(
                            SongSearchSql.walk(where, ordering),
                            (rs, n) -> SongRow.read(rs),
                            where.with(limit, offset));
        }
        if (term != null && matching <= plan.manyMatches()) {
            long budget = walkBudget(matching, offset + limit, catalogSongs);
            // Collecting the matches costs about a row read each: among few, walk only when that reads fewer.
            if (budget > 0 && (matching > plan.fewMatches() || budget < matching)) {
                List<Object> walkArgs = new ArrayList<>();
                walkArgs.add(budget);
                walkArgs.addAll(where.args());
                walkArgs.add(limit);
                walkArgs.add(offset);
                List<SongRow> walked = jdbc.query(
                        SongSearchSql.boundedWalk(where, ordering), (rs, n) -> SongRow.read(rs), walkArgs.toArray());
                if (walked.size() == limit) {
                    return walked;
                }
            }
            Where titles = SongSearchSql.throughTitles(filter);
            return jdbc.query(
                    SongSearchSql.matchesFirst(titles, ordering),
                    (rs, n) -> SongRow.read(rs),
                    titles.with(limit, offset));
        }
        return jdbc.query(SongSearchSql.walk(where, ordering), (rs, n) -> SongRow.read(rs), where.with(limit, offset));
    }

    /**
     * How many titles hold a short term: the candidates its pieces' index yields, each joined to
     * its song when other conditions are to be checked ("S" with {@code key=5} matches 15,000
     * songs, but its pieces are in 550,000 titles). The count of the term alone is read from the
     * pieces' counts when they are complete, and is the filter's own count otherwise.
     */
    private long titleMatches(SongFilter filter, long matching) {
        if (filter.conditions().isEmpty()) {
            return matching;
        }
        SongFilter titleAlone = new SongFilter(filter.titleContains(), List.of());
        return StoredCounts.read(jdbc, titleAlone).count().orElse(matching);
    }

    /**
     * How many songs in order a walk may read for the first {@code needed} matches: a margin
     * times what the matches' share of the catalog predicts, within the plan's bounds; 0 (no
     * walk) when that is more than the most.
     */
    private long walkBudget(long matching, long needed, double rows) {
        if (rows <= 0 || matching <= 0) {
            return 0;
        }
        double predicted = plan.walkMargin() * needed * rows / matching;
        return predicted > plan.maxWalk() ? 0 : Math.max(plan.minWalk(), (long) predicted);
    }
}
