package dev.music.query.rebuild;

import dev.music.query.projection.ProcessorTables;
import dev.music.query.song.CatalogState;
import dev.music.query.song.SongBatchWriter;
import dev.music.query.song.SongEventBatch;
import dev.music.query.song.SongProjection;
import dev.music.query.song.SongRowChange;
import dev.music.query.song.SongTables;
import dev.music.query.song.SoundCells;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One rebuild of the songs projection, beside the serving copy, which goes on serving and
 * being projected meanwhile:
 * <ol>
 * <li><b>copying</b>: reads every event up to the head at the start in large batches into new
 *     tables without indexes: catalog rows in JDBC batches, each song's rating figures summed in
 *     memory, users' ratings appended by COPY to a log;</li>
 * <li><b>indexing</b>: writes the figures in one pass, keeps each user's last rating of each
 *     song, rewrites the tables without the row versions the figures replaced (when they are
 *     many), partitions the sounds into cells, builds the indexes;</li>
 * <li><b>catching up</b>: applies the events appended since, as the projectors do;</li>
 * <li><b>swapping</b>: in one transaction, takes the projection's segments from whichever nodes
 *     hold them (their token rows locked, then claimed in the rebuild's name, so that no node
 *     can write its old position over the new one), locks the serving tables, applies the last
 *     events, stores the new copy's position as every segment's token, and renames the tables
 *     into place, and forgets the events the old copy had parked (a rebuild reads every event or
 *     fails). Searches wait for that transaction only. When a node held a segment, the claims
 *     are held a little longer, so that a node still streaming from its old position finds
 *     them taken and lets go; then they are released for the nodes to take up from the new
 *     position.</li>
 * </ol>
 */
final class SongProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(SongProjectionRebuild.class);

    /** Events read per query and written per transaction. */
    static final int BATCH = 10_000;
    /** Catching up ends, and the swap begins, when a pass reads fewer events than this. */
    private static final int SWAP_WHEN_BEHIND = 2_000;
    /** How long the swap waits for the serving tables before it lets searches through and tries again. */
    private static final String SWAP_LOCK_TIMEOUT = "2s";

    private static final int SWAP_ATTEMPTS = 30;
    /** The tables are rewritten without dead rows when the figures replaced more than one song's row in this many. */
    private static final long COMPACT_WHEN_REWRITTEN = 10;

    private static final String USER_RATING_LOG = "user_ratings_rebuild_log";
    private static final String FIGURES = "song_figures_rebuild";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Serializer tokenSerializer;
    private final Clock clock;
    private final RebuildLog rebuildLog;
    private final long id;
    private final long target;
    private final Duration claimHold;
    private final Runnable clearDeadLetters;
    private final ShadowTables shadow;
    private final EventStoreCursor cursor;
    private final SongBatchWriter rebuildTables;
    private long events;
    /** Songs in the catalog the copy wrote. */
    private long songs;

    SongProjectionRebuild(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            Serializer eventSerializer,
            Serializer tokenSerializer,
            Clock clock,
            RebuildLog rebuildLog,
            long id,
            long target,
            Duration claimHold,
            Runnable clearDeadLetters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.tokenSerializer = tokenSerializer;
        this.clock = clock;
        this.rebuildLog = rebuildLog;
        this.id = id;
        this.target = target;
        this.claimHold = claimHold;
        this.clearDeadLetters = clearDeadLetters;
        this.shadow = new ShadowTables(jdbc);
        this.cursor = new EventStoreCursor(jdbc, eventSerializer, clock);
        this.rebuildTables = new SongBatchWriter(jdbc, SongTables.REBUILD);
    }

    void run() throws InterruptedException {
        try {
            shadow.create();
            jdbc.execute("drop table if exists " + USER_RATING_LOG + ", " + FIGURES);
            // Unlogged: scratch tables a crash may lose, since a crash means starting the rebuild again.
            jdbc.execute("create unlogged table " + USER_RATING_LOG
                    + " (user_id bigint, song_id bigint, stars smallint, rated_at timestamptz, batch bigint)");
            SongFigures figures = copy();
            index(figures);
            catchUp();
            swap();
        } catch (RuntimeException | InterruptedException e) {
            jdbc.execute("drop table if exists " + USER_RATING_LOG + ", " + FIGURES);
            shadow.drop();
            throw e;
        }
    }

    /**
     * Reads the events up to the head at the start into the new tables, without indexes: the
     * catalog's rows in JDBC batches, the ratings summed in memory, the users' ratings appended
     * to a log with the number of the batch they were read in.
     */
    private SongFigures copy() {
        SongFigures figures = new SongFigures();
        long batches = 0;
        while (cursor.index() < target) {
            List<EventStoreCursor.Event> batch = cursor.next(BATCH);
            if (batch.isEmpty()) {
                break;
            }
            batches++;
            SongEventBatch changes = changesOf(batch);
            List<SongRowChange> catalog = new ArrayList<>();
            for (SongRowChange change : changes.rows()) {
                if (change instanceof SongRowChange.AddRatings rated) {
                    figures.add(rated.songId(), rated.ratings(), rated.stars());
                    continue;
                }
                if (change instanceof SongRowChange.InsertSong) {
                    figures.reset(change.songId());
                    songs++;
                } else if (change instanceof SongRowChange.DeleteSong) {
                    figures.reset(change.songId());
                    songs--;
                }
                catalog.add(change);
            }
            StringBuilder userRatings = new StringBuilder();
            for (SongEventBatch.UserRating rating : changes.userRatings()) {
                userRatings
                        .append(rating.userId())
                        .append('\t')
                        .append(rating.songId())
                        .append('\t')
                        .append(rating.stars())
                        .append('\t')
                        .append(rating.ratedAt().toInstant())
                        .append('\t')
                        .append(batches)
                        .append('\n');
            }
            inBulkTransaction(() -> {
                rebuildTables.writeRows(catalog);
                copyIn("copy " + USER_RATING_LOG + " from stdin", userRatings);
            });
            rebuildLog.progressed(id, RebuildState.COPYING, cursor.index(), events);
        }
        return figures;
    }

    /** What a batch of events changes; counts the song events among them. */
    private SongEventBatch changesOf(List<EventStoreCursor.Event> batch) {
        SongEventBatch changes = new SongEventBatch();
        for (EventStoreCursor.Event event : batch) {
            if (changes.apply(event.payload())) {
                events++;
            }
        }
        return changes;
    }

    /** Writes the rating figures and the users' last ratings, then builds the indexes. */
    private void index(SongFigures figures) {
        rebuildLog.progressed(id, RebuildState.INDEXING, cursor.index(), events);
        StringBuilder rows = new StringBuilder();
        figures.forEachRated((songId, ratings, stars) -> rows.append(songId)
                .append('\t')
                .append(ratings)
                .append('\t')
                .append(stars)
                .append('\n'));
        int[] rewritten = {0};
        inBulkTransaction(() -> {
            jdbc.execute("create unlogged table " + FIGURES + " (id bigint, ratings bigint, stars bigint)");
            copyIn("copy " + FIGURES + " from stdin", rows);
            rewritten[0] = jdbc.update(SongTables.REBUILD.setFigures(FIGURES));
            jdbc.update(SongTables.REBUILD.syncRankings());
            jdbc.execute("set local work_mem = '256MB'");
            jdbc.update("insert into " + SongTables.REBUILD.userRatings() + " (user_id, song_id, stars, rated_at)"
                    + " select distinct on (user_id, song_id) user_id, song_id, stars, rated_at from " + USER_RATING_LOG
                    + " order by user_id, song_id, batch desc");
            jdbc.execute("drop table " + FIGURES + ", " + USER_RATING_LOG);
        });
        // The figures went in as new versions of the rows the copy wrote: every rated song's old
        // version is a dead row that each scan would step over and nothing reclaims until a vacuum.
        // When they are many, the tables are rewritten without them, while there is no index to
        // rewrite with them (a first import, with no ratings, has none).
        if (rewritten[0] > songs / COMPACT_WHEN_REWRITTEN) {
            shadow.compact();
        }
        // The copy wrote every sound in cell 0: they are partitioned into cells in one pass, and
        // written again in the order of their cells, before the indexes are built on them.
        inBulkTransaction(() -> new SoundCells(jdbc, SongTables.REBUILD).partitionAll());
        // Marks the new pages all-visible, so that a cell's songs are read from its index alone
        // from the first search on, not from the table until autovacuum comes by.
        jdbc.execute("vacuum " + SongTables.REBUILD.sounds());
        inBulkTransaction(() -> {
            jdbc.execute("set local maintenance_work_mem = '256MB'");
            shadow.createIndexes();
        });
    }

    /** Applies the events appended since the start, until few are left. */
    private void catchUp() {
        int read;
        do {
            read = applyNext();
            rebuildLog.progressed(id, RebuildState.CATCHING_UP, cursor.index(), events);
        } while (read >= SWAP_WHEN_BEHIND);
    }

    /** Applies the next batch of events to the new tables, in the caller's transaction if there is one. */
    private int applyNext() {
        List<EventStoreCursor.Event> batch = cursor.next(BATCH);
        rebuildTables.write(changesOf(batch));
        return batch.size();
    }

    private void swap() throws InterruptedException {
        rebuildLog.progressed(id, RebuildState.SWAPPING, cursor.index(), events);
        String owner = "rebuild-" + id;
        boolean held = false;
        for (int attempt = 1; ; attempt++) {
            try {
                held = Boolean.TRUE.equals(transaction.execute(status -> swap(owner)));
                break;
            } catch (PessimisticLockingFailureException e) {
                // Gave way to searches holding the tables; the serving copy is untouched. Catch up and try again.
                if (attempt == SWAP_ATTEMPTS) {
                    throw new RebuildFailedException(
                            "could not take the serving tables over after " + attempt + " attempts: " + e.getMessage(),
                            e);
                }
                log.info("rebuild {}: the serving tables are busy, trying the swap again", id);
                catchUp();
            }
        }
        rebuildLog.progressed(id, RebuildState.SWAPPING, cursor.index(), events);
        if (held) {
            Thread.sleep(claimHold.toMillis());
        }
        jdbc.update(
                "update " + ProcessorTables.TOKENS
                        + " set owner = null, timestamp = ? where processor_name = ? and owner = ?",
                DateTimeUtils.formatInstant(clock.instant()),
                SongProjection.NAME,
                owner);
    }

    /** Swaps the new copy in; whether any node held a segment (and may still be streaming from its old position). */
    private boolean swap(String owner) {
        jdbc.execute("set local lock_timeout = '" + SWAP_LOCK_TIMEOUT + "'");
        // The token rows first, as a projector's transaction takes them, then the tables it writes.
        List<Boolean> segments = jdbc.queryForList(
                "select owner is not null from " + ProcessorTables.TOKENS + " where processor_name = ?"
                        + " order by segment for update",
                Boolean.class,
                SongProjection.NAME);
        if (segments.isEmpty()) {
            throw new RebuildFailedException("the " + SongProjection.NAME + " projection has no segments yet:"
                    + " start the service once before rebuilding it");
        }
        jdbc.execute("lock table " + SongTables.SERVING.songs() + ", " + SongTables.SERVING.userRatings() + ", "
                + SongTables.SERVING.rankings() + ", " + SongTables.SERVING.titles() + ", "
                + SongTables.SERVING.sounds() + ", " + SongTables.SERVING.cells()
                + " in access exclusive mode");
        while (applyNext() > 0) {
            // the last events, while no projector can write
        }
        SerializedObject<byte[]> token = tokenSerializer.serialize(cursor.token(), byte[].class);
        jdbc.update(
                "update " + ProcessorTables.TOKENS
                        + " set token = ?, token_type = ?, owner = ?, timestamp = ? where processor_name = ?",
                token.getData(),
                token.getType().getName(),
                owner,
                DateTimeUtils.formatInstant(clock.instant()),
                SongProjection.NAME);
        // Every event is in the new copy, those the serving copy had parked too.
        clearDeadLetters.run();
        shadow.swapIn();
        CatalogState.recount(jdbc);
        jdbc.execute("select title_vocabulary_fill()");
        return segments.contains(Boolean.TRUE);
    }

    /** A bulk write that may be lost in a crash (which restarts the rebuild anyway): no wait for the disk. */
    private void inBulkTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("set local synchronous_commit = off");
            work.run();
        });
    }

    private void copyIn(String sql, CharSequence rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(sql, new StringReader(rows.toString()));
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException(e);
            }
        });
    }

    long events() {
        return events;
    }

    long position() {
        return cursor.index();
    }
}
