package dev.music.app.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.music.app.config.DatabaseProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.HostSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Follows the primary database through a failover. Every {@code music.database.primary-check-interval}
 * it asks, on a connection of its own made from the pool's URL, whether the server it reaches
 * there is the primary and answers in time ({@code music.database.primary-answer-timeout}). When
 * that server stops answering, or is a standby, or another host answers as the primary (the
 * standby was promoted), every connection the pool has handed out to the server that stopped
 * serving is cut, and the pool drops its idle ones.
 *
 * <p>Why: a server that crashed closes its sockets, and every statement on them fails at once.
 * A server that is frozen, or cut off by the network, keeps them open: statements wait for an
 * answer that never comes (a projector's for as long as it takes, long work has no bound), and
 * the pool keeps handing those connections out. Cut, they fail now, a request answers 503, and
 * the pool's new connections go where pgjdbc's multi-host URL ({@code targetServerType=primary})
 * finds the primary.
 */
public final class PrimaryWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrimaryWatch.class);

    private final HikariDataSource pool;
    private final OpenConnections connections;
    private final Properties probeProperties;
    private final int answerMillis;
    private final ScheduledExecutorService timer;
    private final LongAdder cut = new LongAdder();
    private final LongAdder moves = new LongAdder();
    private volatile boolean primaryAnswers;
    /** Only the timer's thread touches these. */
    private Connection probe;

    private HostSpec primary;

    PrimaryWatch(HikariDataSource pool, OpenConnections connections, Duration interval, Duration answerTimeout) {
        this.pool = pool;
        this.connections = connections;
        this.answerMillis = Math.toIntExact(answerTimeout.toMillis());
        this.probeProperties = probeProperties(pool, answerTimeout);
        warnOfAStandbyTarget(pool.getJdbcUrl());
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "primary-watch");
            thread.setDaemon(true);
            return thread;
        });
        if (!interval.isZero()) {
            timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The pool's connection settings, with the start of a connection bounded like the answer. */
    private static Properties probeProperties(HikariDataSource pool, Duration answerTimeout) {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        String seconds = Long.toString(Math.max(1, (answerTimeout.toMillis() + 999) / 1000));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "music primary watch");
        return properties;
    }

    /**
     * A URL over several hosts connects to the first that answers unless it asks for the primary:
     * after a failover that may be the old primary, come back as a standby, and every write fails.
     */
    static boolean failsOverBlindly(String url) {
        Properties parsed = url == null ? null : Driver.parseURL(url, null);
        if (parsed == null || !parsed.getProperty("PGHOST", "").contains(",")) {
            return false;
        }
        String target = parsed.getProperty("targetServerType", "any");
        return !target.equals("primary") && !target.equals("master");
    }

    private static void warnOfAStandbyTarget(String url) {
        if (failsOverBlindly(url)) {
            log.warn("spring.datasource.url names several hosts without targetServerType=primary: the service"
                    + " may connect to a standby, where every write fails");
        }
    }

    /** Whether the last check found a primary that answered in time. */
    public boolean primaryAnswers() {
        return primaryAnswers;
    }

    private void check() {
        HostSpec server = null;
        try {
            if (probe == null) {
                probe = DriverManager.getConnection(pool.getJdbcUrl(), probeProperties);
            }
            server = ((BaseConnection) probe).getQueryExecutor().getHostSpec();
            probe.setNetworkTimeout(Runnable::run, answerMillis);
            boolean standby;
            try (Statement statement = probe.createStatement();
                    ResultSet row = statement.executeQuery("select pg_is_in_recovery()")) {
                row.next();
                standby = row.getBoolean(1);
            }
            if (standby) {
                stoppedServing(server, "is a standby");
                return;
            }
            if (primary != null && !primary.equals(server)) {
                moves.increment();
                log.warn("The primary database moved from {} to {}", primary, server);
                cutConnectionsTo(primary, "is no longer the primary");
            }
            primary = server;
            primaryAnswers = true;
        } catch (SQLException | RuntimeException e) {
            if (server != null) {
                stoppedServing(server, "did not answer within " + answerMillis + " ms (" + e.getMessage() + ")");
            } else {
                primaryAnswers = false;
                closeProbe();
            }
        }
    }

    private void stoppedServing(HostSpec server, String why) {
        primaryAnswers = false;
        closeProbe();
        cutConnectionsTo(server, why);
    }

    private void cutConnectionsTo(HostSpec server, String why) {
        int aborted = connections.abortTo(server);
        if (aborted > 0) {
            cut.add(aborted);
            HikariPoolMXBean connectionPool = pool.getHikariPoolMXBean();
            if (connectionPool != null) {
                connectionPool.softEvictConnections();
            }
            log.warn("The database server {} {}: cut the {} connections to it", server, why, aborted);
        }
    }

    private void closeProbe() {
        if (probe != null) {
            try {
                probe.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // it is going anyway
            }
            probe = null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProbe();
    }

    /** The watch over the application's pool; with {@code music.database.primary-check-interval} 0 it never checks. */
    @Configuration(proxyBeanMethods = false)
    static class Watching {

        @Bean(destroyMethod = "close")
        PrimaryWatch primaryWatch(DataSource dataSource, DatabaseProperties properties) throws SQLException {
            return new PrimaryWatch(
                    dataSource.unwrap(HikariDataSource.class),
                    dataSource instanceof RequestTimeouts bounded ? bounded.openConnections() : new OpenConnections(),
                    properties.primaryCheckInterval(),
                    properties.primaryAnswerTimeout());
        }

        /**
         * {@code music.database.primary.answers} (1 while the primary answers the watch in time),
         * {@code music.database.primary.moves} (the primary found on another host) and
         * {@code music.database.connections.cut} (connections cut on a server that stopped serving).
         */
        @Bean
        MeterBinder primaryWatchMetrics(PrimaryWatch watch) {
            return registry -> {
                Gauge.builder("music.database.primary.answers", watch, w -> w.primaryAnswers() ? 1 : 0)
                        .description("1 while the primary database answers the watch in time")
                        .register(registry);
                FunctionCounter.builder("music.database.primary.moves", watch.moves, LongAdder::sum)
                        .description("Times the primary database was found on another host")
                        .register(registry);
                FunctionCounter.builder("music.database.connections.cut", watch.cut, LongAdder::sum)
                        .description("Connections cut because their server stopped serving as the primary")
                        .register(registry);
            };
        }
    }
}
