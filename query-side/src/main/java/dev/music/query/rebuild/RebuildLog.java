package dev.music.query.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code projection_rebuilds} table: each rebuild's progress, written by the node that runs
 * it and read by every node. A rebuild whose node died shows as failed: it holds a database
 * advisory lock for as long as it runs, which the database lets go with the node's connection.
 */
final class RebuildLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RebuildLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long started(String projection, String node, long target) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.queryForObject(
                "insert into projection_rebuilds (projection, node, state, started_at, updated_at,"
                        + " target, position, events) values (?, ?, ?, ?, ?, ?, 0, 0) returning id",
                Long.class,
                projection,
                node,
                RebuildState.COPYING.value(),
                now,
                now,
                target);
    }

    void progressed(long id, RebuildState state, long position, long events) {
        jdbc.update(
                "update projection_rebuilds set state = ?, position = ?, events = ?, updated_at = ? where id = ?",
                state.value(),
                position,
                events,
                Timestamp.from(clock.instant()),
                id);
    }

    void finished(long id, RebuildState state, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update(
                "update projection_rebuilds set state = ?, error = ?, updated_at = ?, finished_at = ? where id = ?",
                state.value(),
                error,
                now,
                now,
                id);
    }

    /** The latest rebuild of the projection, if it ever had one. */
    Optional<RebuildRecord> latest(String projection, int lockKey) {
        return jdbc.query("""
                select id, projection, node, state, started_at, finished_at, target, position, events, error,
                       exists (select 1 from pg_locks where locktype = 'advisory' and granted
                               and classid = ? and objid = ? and objsubid = 2) as alive
                from projection_rebuilds where projection = ? order by id desc limit 1""", (row, n) -> record(row), ProjectionRebuilds.LOCK_CLASS, lockKey, projection).stream()
                .findFirst();
    }

    private RebuildRecord record(ResultSet row) throws SQLException {
        RebuildState state = RebuildState.of(row.getString("state"));
        String error = row.getString("error");
        Instant finishedAt = instant(row, "finished_at");
        if (!state.finished() && !row.getBoolean("alive")) {
            state = RebuildState.FAILED;
            error = "it stopped without finishing: its node stopped, or lost the database";
        }
        Instant startedAt = instant(row, "started_at");
        long target = row.getLong("target");
        long position = row.getLong("position");
        Instant end = finishedAt != null ? finishedAt : clock.instant();
        long seconds = Math.max(1, Duration.between(startedAt, end).toSeconds());
        Long perSecond = row.getLong("events") / seconds;
        Double percent = target == 0 ? 100.0 : Math.min(100.0, Math.round(1000.0 * position / target) / 10.0);
        Long eta = null;
        if (state == RebuildState.COPYING && position > 0) {
            eta = Math.round((double) (target - Math.min(target, position)) * seconds / position);
        }
        return new RebuildRecord(
                row.getLong("id"),
                row.getString("projection"),
                row.getString("node"),
                state,
                startedAt,
                finishedAt,
                target,
                position,
                row.getLong("events"),
                perSecond,
                percent,
                eta,
                error);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
