package dev.music.query.song;

import dev.music.query.live.RatingNotifications;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the serving {@code songs} and {@code user_ratings} tables for the projectors, once per
 * unit of work: its changes gathered in one {@link SongEventBatch}, written by a
 * {@link SongBatchWriter}. The
 * changes of the whole batch of events a processor handles in one unit of work are written just
 * before that unit of work commits: in the transaction that also stores the processor's token,
 * with a notification to the live listeners of every node.
 */
@Component
public class UnitOfWorkSongWriter {

    private static final String PENDING = UnitOfWorkSongWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final SongBatchWriter serving;

    public UnitOfWorkSongWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.serving = new SongBatchWriter(jdbc, SongTables.SERVING);
    }

    /** The changes of the current unit of work, written when it commits. */
    SongEventBatch changes() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("songs are written by projectors, inside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            SongEventBatch changes = new SongEventBatch();
            unitOfWork.onPrepareCommit(u -> {
                serving.write(changes);
                RatingNotifications.announce(jdbc, changes.ratedSongs());
            });
            return changes;
        });
    }

    /** Empties the tables before a replay from the first event. */
    void deleteAll() {
        jdbc.update("truncate songs, user_ratings, song_rankings, song_titles, song_sounds, sound_cells");
    }
}
