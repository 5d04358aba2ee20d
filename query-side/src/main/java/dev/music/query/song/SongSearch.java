package dev.music.query.song;

import dev.music.query.paging.PageRequest;
import dev.music.query.song.SongSearchSql.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads of the {@code songs} table for the API; the statements are {@link SongSearchSql}'s. Every
 * count is exact: the unfiltered one is the catalog's own figure ({@link CatalogState}), others are
 * counted and remembered for as long as what they depend on holds ({@link CatalogCounts}).
 */
public class SongSearch {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final CatalogCounts counts;
    private final PlanThresholds plan;
    private final PagePlanner planner;
    private final StoredCounts stored;
    private final UnfinishedCounts unfinished = new UnfinishedCounts();

    /**
     * @param counts where counts are remembered, which other searches of the same database may share
     *               (one per connection, say)
     * @param stored where counts are stored in the database for every node and the next start; null
     *               stores none
     */
    public SongSearch(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CatalogCounts counts,
            PlanThresholds plan,
            StoredCounts stored) {
        this.stored = stored;
        this.jdbc = new NoServerPrepareJdbcTemplate(jdbc);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.counts = counts;
        this.plan = plan;
        this.planner = new PagePlanner(this.jdbc, plan);
    }

    /** With the default plans, remembering as many counts as the properties say, storing none. */
    public static SongSearch remembering(
            JdbcTemplate jdbc, TransactionTemplate transactions, SearchProperties properties) {
        return new SongSearch(
                jdbc, transactions, new CatalogCounts(properties.countCacheSize()), PlanThresholds.DEFAULT, null);
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
                : planner.find(filter, ordering, count, (number - 1) * page.size(), page.size(), catalog.songs());
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
     * rechecked once, where {@link #count} and then {@link PagePlanner#find} would do it twice. Empty when
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
}
