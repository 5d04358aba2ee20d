package dev.music.query.song;

import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts of filters on the catalog's own columns, kept in PostgreSQL beside the read model
 * ({@code search_counts}, {@code title_gram_counts}, migration V14) so that every node and the
 * next start find what one node counted once. A count is read in the statement that reads the
 * catalog's state, and taken only when it was counted at that state's version: exact, whatever
 * changed since. A title term of one or two characters alone is answered from the pieces' counts
 * that {@link TitleGramCounts} makes ahead. Counts are stored on the primary by a thread of their
 * own, so that a request never waits for a commit to answer; should storing lag behind, a count
 * is dropped, and counted again by whichever request needs it next.
 */
@Component
public final class StoredCounts {

    private static final Logger log = LoggerFactory.getLogger(StoredCounts.class);

    /** Keys longer than this are neither stored nor looked up: a btree entry must fit a third of a page. */
    static final int MAX_KEY_LENGTH = 1_000;

    private static final String WITH_COUNT = "select " + CatalogState.CATALOG_COLUMNS
            + ", (select k.songs from search_counts k where k.key = ? and k.epoch = c.epoch and k.version = c.version)"
            + " as stored from catalog_state c";

    private static final String WITH_GRAM_COUNT = "select " + CatalogState.CATALOG_COLUMNS
            + ", case when exists (select from title_gram_counts g where g.gram = '' and g.epoch = c.epoch"
            + " and g.version = c.version) then coalesce((select g.songs from title_gram_counts g"
            + " where g.gram = lower(?) and g.epoch = c.epoch and g.version = c.version), 0) end as stored"
            + " from catalog_state c";

    private static final String STORE =
            "insert into search_counts (key, epoch, version, songs) values (?, ?::uuid, ?, ?)"
                    + " on conflict (key) do update set epoch = excluded.epoch, version = excluded.version,"
                    + " songs = excluded.songs, counted_at = now()"
                    + " where (search_counts.epoch, search_counts.version) is distinct from (excluded.epoch, excluded.version)";

    private final JdbcTemplate primary;
    private final ThreadPoolExecutor writer;

    /** Counts stored through {@code primary}, which must accept writes (never a replica). */
    public StoredCounts(JdbcTemplate primary) {
        this.primary = primary;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), task -> {
            Thread thread = new Thread(task, "stored-counts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The catalog's state, and the filter's count at that state when one is stored. */
    public record Read(CatalogState state, OptionalLong count) {}

    /** Whether counts of this filter can be stored: it reads the catalog's own columns alone. */
    public static boolean storable(SongFilter filter) {
        return !filter.isEmpty()
                && CatalogCounts.ofCatalogAlone(filter)
                && key(filter).length() <= MAX_KEY_LENGTH;
    }

    /** Reads the state and the stored count in one statement, on {@code reads} (a replica may serve it). */
    public static Read read(JdbcTemplate reads, SongFilter filter) {
        boolean gram = isGram(filter);
        return reads.queryForObject(
                gram ? WITH_GRAM_COUNT : WITH_COUNT,
                (row, n) -> {
                    long stored = row.getLong("stored");
                    OptionalLong count = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(stored);
                    return new Read(CatalogState.of(row), count);
                },
                gram ? filter.titleContains() : key(filter));
    }

    /** Stores a count made in this state, later and on a thread of its own. */
    public void store(SongFilter filter, CatalogState state, long count) {
        if (!storable(filter) || isGram(filter)) {
            return;
        }
        String key = key(filter);
        try {
            writer.execute(() -> {
                try {
                    primary.update(STORE, key, state.epoch(), state.version(), count);
                } catch (DataAccessException e) {
                    log.debug("a count could not be stored: {}", e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("counts are stored more slowly than they are made: one dropped");
        }
    }

    /** Waits until the counts handed to {@link #store} so far are stored (for tests and benchmarks). */
    public void flush() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        writer.execute(done::countDown);
        done.await(30, TimeUnit.SECONDS);
    }

    /** A title term of one or two characters and nothing else: its pieces' count answers it. */
    static boolean isGram(SongFilter filter) {
        String term = filter.titleContains();
        return term != null && filter.conditions().isEmpty() && term.codePointCount(0, term.length()) <= 2;
    }

    /**
     * The filter's key: each part with its length before it, so that no two filters share one
     * whatever their terms hold.
     */
    static String key(SongFilter filter) {
        StringBuilder key = new StringBuilder("songs");
        for (SongFilter.Condition condition : filter.conditions()) {
            key.append(';')
                    .append(condition.column())
                    .append(condition.operator().sql)
                    .append(Double.toString(condition.value()));
        }
        String term = filter.titleContains();
        if (term != null) {
            key.append(";title:").append(term.length()).append(':').append(term);
        }
        return key.toString();
    }
}
