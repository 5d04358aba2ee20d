package dev.music.query.song;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@code songs} table for the projectors. Changes are collected for the whole batch
 * of events a processor handles in one unit of work and written, in event order, as JDBC
 * batches just before that unit of work commits: in the transaction that also stores the
 * processor's token.
 */
@Component
public class SongTableWriter {

    private static final String PENDING = SongTableWriter.class.getName() + ".pending";
    private static final String FEATURE_COLUMNS = String.join(", ",
            AudioFeature.ALL.stream().map(AudioFeature::column).toList());
    private static final String INSERT = "insert into songs (id, spotify_id, title, " + FEATURE_COLUMNS + ") values ("
            + "?, ?, ?" + ", ?".repeat(AudioFeature.ALL.size()) + ")";
    private static final String UPDATE = "update songs set title = ?, "
            + String.join(", ", AudioFeature.ALL.stream().map(f -> f.column() + " = ?").toList()) + " where id = ?";
    private static final String DELETE = "delete from songs where id = ?";

    private static final Logger log = LoggerFactory.getLogger(SongTableWriter.class);

    private final JdbcTemplate jdbc;

    public SongTableWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long id, String spotifyId, String title, AudioFeatures features) {
        pending().add(new Change(INSERT, statement -> {
            statement.setLong(1, id);
            statement.setString(2, spotifyId);
            statement.setString(3, title);
            setFeatures(statement, 4, features);
        }));
    }

    void updateDetails(long id, String title, AudioFeatures features) {
        pending().add(new Change(UPDATE, statement -> {
            statement.setString(1, title);
            int next = setFeatures(statement, 2, features);
            statement.setLong(next, id);
        }));
    }

    void delete(long id) {
        pending().add(new Change(DELETE, statement -> statement.setLong(1, id)));
    }

    /** Empties the table before a replay from the first event. */
    void deleteAll() {
        jdbc.update("truncate songs");
    }

    private static int setFeatures(PreparedStatement statement, int first, AudioFeatures features) throws SQLException {
        int index = first;
        for (AudioFeature feature : AudioFeature.ALL) {
            Number value = features.get(feature);
            if (feature.integral()) {
                statement.setLong(index++, value.longValue());
            } else {
                statement.setDouble(index++, value.doubleValue());
            }
        }
        return index;
    }

    private List<Change> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("songs are written by projectors, inside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Change> changes = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> flush(changes));
            return changes;
        });
    }

    /** Runs the changes in order, one JDBC batch per run of the same statement. */
    private void flush(List<Change> changes) {
        log.debug("writing {} song changes", changes.size());
        int from = 0;
        while (from < changes.size()) {
            String sql = changes.get(from).sql();
            int to = from;
            while (to < changes.size() && changes.get(to).sql().equals(sql)) {
                to++;
            }
            List<Change> run = changes.subList(from, to);
            jdbc.batchUpdate(sql, run, run.size(), (statement, change) -> change.binder().bind(statement));
            from = to;
        }
        changes.clear();
    }

    private record Change(String sql, Binder binder) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
