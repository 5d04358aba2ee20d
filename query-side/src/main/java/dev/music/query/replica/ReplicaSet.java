package dev.music.query.replica;

import com.zaxxer.hikari.HikariDataSource;
import dev.music.query.ReadRouter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The configured replicas: a pool of connections to each (bounded by the same request timeouts as
 * the primary's), the routing of the catalog's reads over them, and the monitor that measures
 * their lag. Empty without {@code music.replica.url}.
 */
public final class ReplicaSet implements AutoCloseable {

    /** How long a replica may take to answer a check or a new connection, in seconds (the driver's unit). */
    private static final String ANSWER_SECONDS = "2";

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final ReplicaRouter routing;
    private final ReplicaMonitor monitor;

    /** @param boundStatements wraps each replica's pool in the statement bounds the primary's connections have */
    public ReplicaSet(DataSource primary, ReplicaProperties properties, UnaryOperator<DataSource> boundStatements) {
        HikariDataSource primaryPool = unwrap(primary);
        List<Replica> replicas = new ArrayList<>();
        for (String url : properties.url()) {
            int number = replicas.size() + 1;
            // The catalog's reads move to the replicas whole: as many connections as the primary offers them.
            HikariDataSource reads = pool(
                    "replica-" + number,
                    url,
                    properties,
                    primaryPool,
                    properties.poolSize() > 0 ? properties.poolSize() : primaryPool.getMaximumPoolSize());
            // The checks have a connection of their own: reads that keep every other one busy
            // must not make a replica look away.
            HikariDataSource checks = pool("replica-" + number + "-checks", url, properties, primaryPool, 1);
            // A replica that stops answering without closing its connections (a cut network, a
            // frozen host) must fail its check, not hold it: the monitor has one thread for all.
            checks.addDataSourceProperty("socketTimeout", ANSWER_SECONDS);
            replicas.add(new Replica(url, boundStatements.apply(reads), checks));
        }
        this.routing = replicas.isEmpty() ? null : new ReplicaRouter(primary, replicas);
        this.monitor = new ReplicaMonitor(new JdbcTemplate(primary), replicas, properties.maxLag());
        if (!replicas.isEmpty()) {
            monitor.start(properties.checkInterval());
        }
    }

    private HikariDataSource pool(
            String name, String url, ReplicaProperties properties, HikariDataSource primaryPool, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(url);
        pool.setUsername(properties.username() != null ? properties.username() : primaryPool.getUsername());
        pool.setPassword(properties.password() != null ? properties.password() : primaryPool.getPassword());
        pool.setMaximumPoolSize(size);
        // A replica that is away must cost a read little: the primary answers instead.
        pool.setConnectionTimeout(500);
        pool.setValidationTimeout(250);
        // Start even while a replica is away: the monitor finds it when it comes.
        pool.setInitializationFailTimeout(-1);
        pool.setReadOnly(true);
        pool.setConnectionInitSql(primaryPool.getConnectionInitSql());
        pool.setDataSourceProperties(primaryPool.getDataSourceProperties());
        // New connections to a replica that has stopped answering give up in this time too.
        pool.addDataSourceProperty("connectTimeout", ANSWER_SECONDS);
        pool.addDataSourceProperty("loginTimeout", ANSWER_SECONDS);
        pools.add(pool);
        return pool;
    }

    private static HikariDataSource unwrap(DataSource primary) {
        try {
            return primary.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("replicas need the primary's pool to be Hikari's", e);
        }
    }

    public boolean isEmpty() {
        return routing == null;
    }

    public ReadRouter routing() {
        return routing;
    }

    ReplicaMonitor monitor() {
        return monitor;
    }

    /**
     * {@code music.replica.lag} (seconds), {@code music.replica.lag.bytes} and {@code music.replica.up}
     * (1 while it serves reads) and {@code music.replica.reads.repeated}, tagged with each replica's host, port and database.
     */
    public void bindTo(MeterRegistry registry) {
        if (routing == null) {
            return;
        }
        for (Replica replica : routing.all()) {
            Gauge.builder("music.replica.lag", replica, r -> r.lagMs() < 0 ? Double.NaN : r.lagMs() / 1000.0)
                    .description("How far the replica is behind the primary")
                    .baseUnit("seconds")
                    .tag("replica", replica.name())
                    .register(registry);
            Gauge.builder("music.replica.lag.bytes", replica, r -> r.status().lagBytes())
                    .description("WAL the replica has still to replay")
                    .baseUnit("bytes")
                    .tag("replica", replica.name())
                    .register(registry);
            Gauge.builder("music.replica.up", replica, r -> r.serving() ? 1 : 0)
                    .description("1 while the replica serves reads")
                    .tag("replica", replica.name())
                    .register(registry);
            FunctionCounter.builder("music.replica.reads.repeated", replica, Replica::repeatedReads)
                    .description("Reads the replica failed under, answered again by the primary")
                    .tag("replica", replica.name())
                    .register(registry);
        }
    }

    @Override
    public void close() {
        monitor.close();
        pools.forEach(HikariDataSource::close);
    }
}
