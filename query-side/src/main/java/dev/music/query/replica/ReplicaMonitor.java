package dev.music.query.replica;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures each replica against the primary, every {@code music.replica.check-interval}: the
 * primary's WAL position first, then how much of it the replica has replayed. A replica that has
 * replayed it is 0 behind, however long ago the primary last wrote; one that has not is as far
 * behind as its last replayed transaction is old (but no longer than it has been seen behind), and
 * the WAL bytes it still has to replay. A
 * replica further behind than {@code music.replica.max-lag}, promoted (no longer in recovery) or
 * not answering serves no reads until a later check finds it well again.
 */
final class ReplicaMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaMonitor.class);

    private static final String MEASURE = "select pg_is_in_recovery() as recovering,"
            + " greatest(coalesce(pg_wal_lsn_diff(?::pg_lsn, pg_last_wal_replay_lsn()), -1), -1)::bigint as behind,"
            + " coalesce(extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, -1)::bigint"
            + " as since";

    private final JdbcTemplate primary;
    private final List<Replica> replicas;
    private final Duration maxLag;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "replica-monitor");
        thread.setDaemon(true);
        return thread;
    });

    ReplicaMonitor(JdbcTemplate primary, List<Replica> replicas, Duration maxLag) {
        this.primary = primary;
        this.replicas = replicas;
        this.maxLag = maxLag;
    }

    void start(Duration interval) {
        schedule.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks every replica once (the scheduled checks call this; tests may too). */
    void checkAll() {
        String position;
        try {
            position = primary.queryForObject("select pg_current_wal_lsn()::text", String.class);
        } catch (DataAccessException e) {
            return; // with the primary away there is nothing to measure against; the states stand
        }
        for (Replica replica : replicas) {
            check(replica, position);
        }
    }

    private void check(Replica replica, String primaryPosition) {
        Replica.State before = replica.state();
        try {
            Map<String, Object> found = replica.checks().queryForMap(MEASURE, primaryPosition);
            if (!Boolean.TRUE.equals(found.get("recovering"))) {
                replica.down("not in recovery: promoted, or not a replica of this primary");
            } else {
                long behind = ((Number) found.get("behind")).longValue();
                long since = ((Number) found.get("since")).longValue();
                long behindFor = replica.behindFor(behind > 0, System.nanoTime());
                // An idle primary's last commit may be old while the replica trails it by a
                // checkpoint's few bytes: the lag is no longer than the replica has been behind.
                long lagMs = behind <= 0 ? 0 : since < 0 ? behindFor : Math.min(since, behindFor);
                replica.measured(lagMs, Math.max(behind, 0), lagMs > maxLag.toMillis());
            }
        } catch (DataAccessException e) {
            replica.down(e.getMostSpecificCause().getMessage());
        }
        if (replica.state() != before) {
            log.info("replica {}: {} (lag {} ms)", replica.name(), replica.state(), replica.lagMs());
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
