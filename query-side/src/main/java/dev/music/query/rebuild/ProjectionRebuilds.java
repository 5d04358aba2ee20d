package dev.music.query.rebuild;

import dev.music.eventstore.EventStoreTables;
import dev.music.query.projection.DeadLetters;
import dev.music.query.song.SongProjection;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts rebuilds of projections, one at a time per projection across every node on the
 * database (a database advisory lock, held on a connection of its own for as long as the
 * rebuild runs), and tells how the latest went.
 */
@Component
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    /** The first key of the advisory locks; the second is the projection's. */
    static final int LOCK_CLASS = 7_101;

    private static final Map<String, Integer> LOCK_KEYS = Map.of(SongProjection.NAME, 1);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Serializer eventSerializer;
    private final Serializer tokenSerializer;
    private final Clock clock;
    private final Duration claimHold;
    private final RebuildLog rebuildLog;
    private final DeadLetters deadLetters;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(
            DataSource dataSource,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer tokenSerializer,
            Clock clock,
            DeadLetters deadLetters,
            RebuildProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.eventSerializer = eventSerializer;
        this.tokenSerializer = tokenSerializer;
        this.clock = clock;
        this.claimHold = properties.claimHold();
        this.rebuildLog = new RebuildLog(jdbc, clock);
        this.deadLetters = deadLetters;
    }

    /** The projections that can be rebuilt. */
    public List<String> projections() {
        return List.copyOf(LOCK_KEYS.keySet());
    }

    public boolean exists(String projection) {
        return LOCK_KEYS.containsKey(projection);
    }

    /** The latest rebuild of a projection, running or not. */
    public Optional<RebuildRecord> latest(String projection) {
        return rebuildLog.latest(projection, lockKey(projection));
    }

    /**
     * Starts a rebuild in the background and returns at once with its record.
     *
     * @throws RebuildRunningException when the projection is being rebuilt already, here or on another node
     */
    public RebuildRecord start(String projection) {
        Started started = begin(projection);
        runner.submit(() -> finish(started));
        return latest(projection).orElseThrow();
    }

    /** Starts a rebuild in the background; the future ends with its final record (the command-line tool watches it). */
    public Future<RebuildRecord> startAndWatch(String projection) {
        Started started = begin(projection);
        return runner.submit(() -> {
            finish(started);
            return latest(projection).orElseThrow();
        });
    }

    private Started begin(String projection) {
        int key = lockKey(projection);
        Connection lock = null;
        try {
            lock = dataSource.getConnection();
            lock.setAutoCommit(true);
            if (!tryLock(lock, key)) {
                throw new RebuildRunningException(latest(projection).orElse(null));
            }
            long head = Optional.ofNullable(
                            jdbc.queryForObject("select max(global_index) from " + EventStoreTables.EVENTS, Long.class))
                    .orElse(0L);
            long id = rebuildLog.started(projection, node, head);
            return new Started(projection, key, id, head, lock);
        } catch (SQLException e) {
            close(lock, key);
            throw new RebuildFailedException("could not start the rebuild: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(lock, key);
            throw e;
        }
    }

    private void finish(Started started) {
        long began = System.nanoTime();
        SongProjectionRebuild rebuild = new SongProjectionRebuild(
                jdbc,
                transaction,
                eventSerializer,
                tokenSerializer,
                clock,
                rebuildLog,
                started.id(),
                started.target(),
                claimHold,
                () -> deadLetters.clear(started.projection()));
        try {
            rebuild.run();
            rebuildLog.progressed(started.id(), RebuildState.DONE, rebuild.position(), rebuild.events());
            rebuildLog.finished(started.id(), RebuildState.DONE, null);
            log.info(
                    "rebuilt {}: {} events in {} s",
                    started.projection(),
                    rebuild.events(),
                    (System.nanoTime() - began) / 1_000_000_000);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("rebuild of {} failed", started.projection(), e);
            rebuildLog.finished(started.id(), RebuildState.FAILED, String.valueOf(e.getMessage()));
        } finally {
            close(started.lock(), started.lockKey());
        }
    }

    private static boolean tryLock(Connection connection, int key) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("select pg_try_advisory_lock(" + LOCK_CLASS + ", " + key + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** Lets the lock go before the connection goes back to the pool, which would keep it held. */
    private static void close(Connection connection, int key) {
        if (connection == null) {
            return;
        }
        try (connection;
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + LOCK_CLASS + ", " + key + ")");
        } catch (SQLException e) {
            log.warn("could not release the rebuild lock cleanly", e);
        }
    }

    private static int lockKey(String projection) {
        Integer key = LOCK_KEYS.get(projection);
        if (key == null) {
            throw new IllegalArgumentException("no projection named " + projection);
        }
        return key;
    }

    private record Started(String projection, int lockKey, long id, long target, Connection lock) {}
}
