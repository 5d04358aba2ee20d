package dev.music.query.song;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.projection.PeriodicTask;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the stored counts: counts every title's one- and two-character pieces ahead, for each
 * version of the catalog that stays put for a check interval (so not for every batch of an import),
 * and forgets stored counts of other versions. A title term of one or two characters has no
 * trigram: without these counts each would be a scan of every title; with them it is a lookup.
 *
 * <p>The titles are read lower-cased by PostgreSQL, as ILIKE folds them in this database, and cut
 * into pieces here: a pass over a million titles takes seconds, where the same in SQL (unnesting
 * {@code title_grams}) took more than a minute. One node counts at a time (an advisory lock);
 * the others find its rows.
 */
@ConditionalOnQuerySide
@Component
public class TitleGramCounts {

    private static final Logger log = LoggerFactory.getLogger(TitleGramCounts.class);
    /** The advisory lock of the count: "grams" in ASCII. */
    private static final long LOCK = 0x6772616d73L;
    /** Stored counts kept at most; the oldest go first. */
    private static final long MAX_STORED = 1_000_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Duration interval;
    private final PeriodicTask task = new PeriodicTask("title-gram-counts");
    private CatalogState seen;
    private CatalogState kept;

    public TitleGramCounts(JdbcTemplate jdbc, TransactionTemplate transactions, SearchProperties properties) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions.getTransactionManager());
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.interval = properties.gramCountInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        task.start(Duration.ZERO, interval, this::check);
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        task.stop();
    }

    /** One check: counts the pieces of a catalog that has stayed put since the last, or keeps the stored counts. */
    void check() {
        CatalogState state = CatalogState.readCatalog(jdbc);
        if (complete(state)) {
            if (!state.equals(kept)) {
                forgetOthers(state);
                kept = state;
            }
        } else if (state.equals(seen)) {
            count();
        }
        seen = state;
    }

    /** Counts the pieces of every title now, in one snapshot; false when another node is counting. */
    public boolean count() {
        return Boolean.TRUE.equals(snapshot.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return false;
            }
            CatalogState state = CatalogState.readCatalog(jdbc);
            if (complete(state)) {
                return true;
            }
            long started = System.nanoTime();
            Pieces pieces = new Pieces();
            jdbc.query(
                    connection -> {
                        var statement = connection.prepareStatement("select lower(title) from songs");
                        statement.setFetchSize(10_000);
                        return statement;
                    },
                    row -> {
                        pieces.add(row.getString(1));
                    });
            jdbc.update("delete from title_gram_counts");
            List<Object[]> rows = new java.util.ArrayList<>(pieces.counts.size() + 1);
            rows.add(new Object[] {"", state.epoch(), state.version(), pieces.titles});
            pieces.counts.forEach(
                    (piece, count) -> rows.add(new Object[] {piece(piece), state.epoch(), state.version(), count[0]}));
            jdbc.batchUpdate(
                    "insert into title_gram_counts (gram, epoch, version, songs) values (?, ?::uuid, ?, ?)", rows);
            log.info(
                    "counted the {} one- and two-character pieces of {} titles (catalog version {}) in {} ms",
                    pieces.counts.size(),
                    pieces.titles,
                    state.version(),
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        }));
    }

    private boolean complete(CatalogState state) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select from title_gram_counts where gram = '' and epoch = ?::uuid and version = ?)",
                Boolean.class,
                state.epoch(),
                state.version()));
    }

    /** Deletes stored counts of other versions, and the oldest beyond the most kept. */
    private void forgetOthers(CatalogState state) {
        int forgotten = jdbc.update(
                "delete from search_counts where epoch <> ?::uuid or version <> ?", state.epoch(), state.version());
        forgotten += jdbc.update(
                "delete from search_counts where key in (select key from search_counts order by counted_at"
                        + " limit greatest(0, (select count(*) from search_counts) - ?))",
                MAX_STORED);
        if (forgotten > 0) {
            log.debug("forgot {} stored counts of earlier catalog versions", forgotten);
        }
    }

    /** The pieces of titles and how many titles hold each, a piece being one or two code points in a long. */
    static final class Pieces {
        final Map<Long, long[]> counts = new HashMap<>();
        long titles;

        void add(String lowered) {
            titles++;
            int[] points = lowered.codePoints().toArray();
            long[] keys = new long[points.length * 2];
            int n = 0;
            for (int i = 0; i < points.length; i++) {
                keys[n++] = points[i];
                if (i + 1 < points.length) {
                    keys[n++] = ((long) points[i] << 21) | points[i + 1];
                }
            }
            Arrays.sort(keys, 0, n);
            for (int i = 0; i < n; i++) {
                if (i == 0 || keys[i] != keys[i - 1]) {
                    counts.computeIfAbsent(keys[i], k -> new long[1])[0]++;
                }
            }
        }
    }

    /** The piece a key stands for. */
    static String piece(long key) {
        int first = (int) (key >>> 21);
        int second = (int) (key & 0x1fffff);
        return first == 0 ? Character.toString(second) : Character.toString(first) + Character.toString(second);
    }
}
