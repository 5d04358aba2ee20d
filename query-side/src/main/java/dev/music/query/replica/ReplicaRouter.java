package dev.music.query.replica;

import dev.music.query.ReadRouter;
import dev.music.query.ReplicaStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog's reads on the replicas: each connection comes from a replica that serves (within
 * the allowed lag, by {@link ReplicaMonitor}'s latest check), else from the primary. A thread
 * keeps to one replica while it serves, so that the statements of one request read one database.
 * A replica that cannot give a connection is taken for down at once and the primary answers: no
 * request fails because a replica died. A read the replica fails under ({@link ReplicaFailure})
 * runs again on the primary. A replica whose connections are all busy for longer than its pool
 * waits leaves that statement to the primary too.
 */
final class ReplicaRouter implements ReadRouter {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouter.class);

    private static final long POLL_NANOS = 5_000_000;

    private final DataSource primary;
    private final JdbcTemplate primaryJdbc;
    private final List<Replica> replicas;
    private final AtomicInteger next = new AtomicInteger();
    private final ThreadLocal<Replica> kept = new ThreadLocal<>();
    /** Where this thread's latest connection came from: the replica, or the primary (null). */
    private final ThreadLocal<Replica> lastServed = new ThreadLocal<>();
    /** Set by {@link #catchUp}: the replica this thread's request must read, or the primary (null). */
    private final ThreadLocal<Replica[]> caughtUp = new ThreadLocal<>();
    /** What {@link #catchUp} answers: a view of this thread's catch-up, which it ends when closed. */
    private final CaughtUp thisThreadCaughtUp = new CaughtUp() {
        @Override
        public boolean onReplica() {
            return readsReplica();
        }

        @Override
        public void close() {
            caughtUp.remove();
        }
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ReplicaRouter(DataSource primary, List<Replica> replicas) {
        this.primary = primary;
        this.primaryJdbc = new JdbcTemplate(primary);
        this.replicas = List.copyOf(replicas);
        DataSource routed = new Routed();
        this.jdbc = new JdbcTemplate(routed);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(routed));
    }

    @Override
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public List<ReplicaStatus> replicas() {
        return replicas.stream().map(Replica::status).toList();
    }

    List<Replica> all() {
        return replicas;
    }

    @Override
    public CaughtUp catchUp(Duration maxWait) {
        caughtUpReplica(maxWait);
        return thisThreadCaughtUp;
    }

    /** Fixes this thread's reads on a replica that has replayed what the primary committed, else on the primary. */
    private void caughtUpReplica(Duration maxWait) {
        Replica replica = choose();
        // Until release, this thread reads the replica found caught up, or else the primary.
        caughtUp.set(new Replica[] {null});
        if (replica == null) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        // Without the primary there is no answer to wait for: its failure is the request's (503).
        String committed = primaryJdbc.queryForObject("select pg_current_wal_lsn()::text", String.class);
        try {
            while (true) {
                Boolean replayed = replica.jdbc()
                        .queryForObject(
                                "select coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)",
                                Boolean.class,
                                committed);
                if (Boolean.TRUE.equals(replayed)) {
                    caughtUp.set(new Replica[] {replica});
                    return;
                }
                if (System.nanoTime() + POLL_NANOS > deadline) {
                    break;
                }
                Thread.sleep(POLL_NANOS / 1_000_000);
            }
        } catch (DataAccessException e) {
            // busy or away: the primary answers this read; the monitor tells which it was
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public <T> T read(Supplier<T> read, BooleanSupplier repeatable) {
        try {
            return read.get();
        } catch (DataAccessException | TransactionException e) {
            Replica failed = lastServed.get();
            Optional<ReplicaFailure> failure = ReplicaFailure.of(e);
            if (failed == null || failure.isEmpty() || !repeatable.getAsBoolean()) {
                throw e;
            }
            if (failure.get().serverLost()) {
                failed.down(failure.get().message());
            }
            failed.repeated();
            log.warn(
                    "replica {} failed a read ({}); the primary answers it",
                    failed.name(),
                    failure.get().message());
            return onPrimary(read);
        }
    }

    private <T> T onPrimary(Supplier<T> read) {
        Replica[] fixed = caughtUp.get();
        if (fixed != null) {
            fixed[0] = null; // the rest of this request's caught-up reads: the primary
            return read.get();
        }
        caughtUp.set(new Replica[] {null});
        try {
            return read.get();
        } finally {
            caughtUp.remove();
        }
    }

    /** Whether this thread's caught-up reads still go to the replica found caught up. */
    boolean readsReplica() {
        Replica[] fixed = caughtUp.get();
        return fixed != null && fixed[0] != null && fixed[0].reachable();
    }

    /** The replica this thread's next statement reads, or null for the primary. */
    private Replica choose() {
        Replica[] fixed = caughtUp.get();
        if (fixed != null) {
            return readsReplica() ? fixed[0] : null;
        }
        Replica replica = kept.get();
        if (replica != null && replica.serving()) {
            return replica;
        }
        for (int i = 0; i < replicas.size(); i++) {
            Replica candidate = replicas.get(Math.floorMod(next.getAndIncrement(), replicas.size()));
            if (candidate.serving()) {
                kept.set(candidate);
                return candidate;
            }
        }
        kept.remove();
        return null;
    }

    private final class Routed extends AbstractDataSource {

        @Override
        public Connection getConnection() throws SQLException {
            Replica replica = choose();
            if (replica != null) {
                try {
                    Connection connection = replica.connections().getConnection();
                    lastServed.set(replica);
                    return connection;
                } catch (SQLException e) {
                    // The pool names the server's refusal as the cause; without one every
                    // connection was merely busy: the primary takes this statement, the replica
                    // stays up.
                    if (e.getCause() != null) {
                        replica.down(e.getMessage());
                        Replica[] fixed = caughtUp.get();
                        if (fixed != null) {
                            fixed[0] = null; // the primary holds the write too
                        }
                    }
                }
            }
            lastServed.remove();
            return primary.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }
}
