package dev.music.query.song;

import dev.music.query.live.RatingNotifications;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the serving {@code songs} and {@code user_ratings} tables for the projectors. The
 * changes of the whole batch of events a processor handles in one unit of work are written just
 * before that unit of work commits: in the transaction that also stores the processor's token,
 * with a notification to the live listeners of every node.
 */
@Component
public class SongTableWriter {

    private static final String PENDING = SongTableWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final SongTableBatches serving;

    public SongTableWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.serving = new SongTableBatches(jdbc, SongTables.SERVING);
    }

    /** The changes of the current unit of work, written when it commits. */
    SongChanges changes() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("songs are written by projectors, inside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            SongChanges changes = new SongChanges();
            unitOfWork.onPrepareCommit(u -> {
                serving.write(changes);
                RatingNotifications.announce(jdbc, changes.ratedSongs());
            });
            return changes;
        });
    }

    /** Empties the tables before a replay from the first event. */
    void deleteAll() {
        jdbc.update("truncate songs, user_ratings, song_rankings, song_titles");
    }
}
