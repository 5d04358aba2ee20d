package dev.music.app.database;

import dev.music.app.config.DatabaseProperties;
import dev.music.eventstore.GroupCommit;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Bounds the statements of HTTP requests: a connection handed to a thread that serves a request
 * (or appends ratings for waiting requests, {@link GroupCommit}) runs with
 * {@code statement_timeout} and {@code lock_timeout}, so that one slow search or one stuck lock
 * cannot hold the pool's connections until every request waits; the same connection
 * handed to a projector, a rebuild or an import runs with the server's settings again, as their
 * long statements (an index build, a bulk copy) need. A request's connection also stops waiting
 * for an answer soon after its statement timeout, for when the server cannot answer at all. Each physical connection remembers which
 * it has, so a setting is sent only when a connection changes from one kind of work to the other,
 * which the pool's preference for a thread's last connection keeps rare.
 */
public final class RequestTimeouts extends DelegatingDataSource implements AutoCloseable {

    /**
     * A request's wait for the server's answer ends this long after its statement timeout: the
     * server cancels a slow statement itself, so this bound is reached only when the server cannot
     * answer at all (the network is cut). The pool resets it when the connection comes back.
     */
    private static final Duration NETWORK_MARGIN = Duration.ofSeconds(2);

    /** How many times a connection was set for the other kind of work: a round trip each. */
    static final LongAdder SWITCHES = new LongAdder();

    private final String bound;
    private final int networkTimeoutMillis;
    private final OpenConnections open = new OpenConnections();

    public RequestTimeouts(DataSource pool, DatabaseProperties properties) {
        super(pool);
        this.bound = "select set_config('statement_timeout', '"
                + properties.requestStatementTimeout().toMillis() + "', false), set_config('lock_timeout', '"
                + properties.requestLockTimeout().toMillis() + "', false)";
        this.networkTimeoutMillis = Math.toIntExact(
                properties.requestStatementTimeout().plus(NETWORK_MARGIN).toMillis());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return prepared(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return prepared(super.getConnection(username, password));
    }

    /** The physical connections handed out so far, and still open. */
    OpenConnections openConnections() {
        return open;
    }

    /** Closes the pool when the application stops, as it would be closed without this wrapper. */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    private Connection prepared(Connection connection) throws SQLException {
        try {
            boolean request = RequestContextHolder.getRequestAttributes() != null || GroupCommit.onDispatcherThread();
            PGConnection physical = connection.unwrap(PGConnection.class);
            Boolean setForRequests = open.handedOut(physical);
            // Inside a transaction a setting would be undone by a rollback: leave such connections be.
            if (connection.getAutoCommit()) {
                if (!Boolean.valueOf(request).equals(setForRequests)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(request ? bound : "reset statement_timeout; reset lock_timeout");
                    }
                    open.setFor(physical, request);
                    SWITCHES.increment();
                }
            }
            // The pool's own network timeout (the driver's socketTimeout) bounds a new connection's
            // start on a server that does not answer; the work then sets its own: a request's, or
            // none for long work (an index build, a bulk copy), which the PrimaryWatch frees when
            // the server stops answering.
            connection.setNetworkTimeout(Runnable::run, request ? networkTimeoutMillis : 0);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Wraps the application's connection pool. */
    @Configuration(proxyBeanMethods = false)
    static class Wrapping {

        /** {@code music.database.session.switches}: how often connections change from request work to other work. */
        @Bean
        static MeterBinder requestTimeoutSwitches() {
            return registry -> FunctionCounter.builder("music.database.session.switches", SWITCHES, LongAdder::sum)
                    .description("Connections set for request work or reset for other work: a round trip each")
                    .register(registry);
        }

        @Bean
        static BeanPostProcessor requestTimeoutsWrapper(ObjectProvider<DatabaseProperties> properties) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return "dataSource".equals(name)
                                    && bean instanceof DataSource pool
                                    && !(bean instanceof RequestTimeouts)
                            ? new RequestTimeouts(pool, properties.getObject())
                            : bean;
                }
            };
        }
    }
}
