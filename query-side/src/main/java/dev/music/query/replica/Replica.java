package dev.music.query.replica;

import dev.music.query.ReplicaStatus;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One streaming replica: its connections and what its latest check found. It serves reads while
 * it answers, is in recovery (still a replica, not promoted) and is no further behind the primary
 * than the allowed lag.
 */
final class Replica {

    enum State {
        UNKNOWN,
        UP,
        LAGGING,
        DOWN
    }

    private final String name;
    private final DataSource connections;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate checks;
    private volatile State state = State.UNKNOWN;
    private volatile long lagMs = -1;
    private volatile long lagBytes = -1;
    private volatile String problem;
    private long behindSince = -1;
    private final AtomicLong repeated = new AtomicLong();

    Replica(String url, DataSource connections, DataSource checks) {
        this.name = nameOf(url);
        this.connections = connections;
        this.jdbc = new JdbcTemplate(connections);
        this.checks = new JdbcTemplate(checks);
    }

    /**
     * host:port/database without credentials, as pgjdbc reads the URL: {@code h1:5432,h2:5433/db}
     * for a URL over several hosts.
     */
    static String nameOf(String url) {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            return "replica";
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        StringJoiner name = new StringJoiner(",", "", "/" + parsed.getProperty("PGDBNAME", ""));
        for (int i = 0; i < hosts.length; i++) {
            name.add(hosts[i] + ":" + (i < ports.length ? ports[i] : "5432"));
        }
        return name.toString();
    }

    String name() {
        return name;
    }

    DataSource connections() {
        return connections;
    }

    /** Statements of the reads. */
    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The monitor's statements, on a connection of their own. */
    JdbcTemplate checks() {
        return checks;
    }

    /** Serves reads that do not need the latest writes. */
    boolean serving() {
        return state == State.UP;
    }

    /** Answers at all: a read that it has been seen to have caught up with may go on there. */
    boolean reachable() {
        return state == State.UP || state == State.LAGGING;
    }

    State state() {
        return state;
    }

    long lagMs() {
        return lagMs;
    }

    /** How long, in milliseconds, the replica has been found behind the primary without a break (0 when it is not). */
    long behindFor(boolean behind, long nowNanos) {
        if (!behind) {
            behindSince = -1;
            return 0;
        }
        if (behindSince < 0) {
            behindSince = nowNanos;
        }
        return (nowNanos - behindSince) / 1_000_000;
    }

    void measured(long lagMs, long lagBytes, boolean lagging) {
        this.lagMs = lagMs;
        this.lagBytes = lagBytes;
        this.problem = null;
        this.state = lagging ? State.LAGGING : State.UP;
    }

    /** A read it failed under ran again on the primary. */
    void repeated() {
        repeated.incrementAndGet();
    }

    long repeatedReads() {
        return repeated.get();
    }

    void down(String problem) {
        this.problem = problem;
        this.state = State.DOWN;
    }

    ReplicaStatus status() {
        return new ReplicaStatus(name, state.name().toLowerCase(), lagMs, lagBytes, problem);
    }
}
