package dev.music.query.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database of its own for one test class of the query side, with the read model's migrations
 * applied as the service applies them; dropped on {@link #close}. It lives on the server of
 * {@code MUSIC_TEST_DATABASE_URL} when that is set (as for the application's tests), else on an
 * embedded PostgreSQL that the first test starts and the JVM's end stops: the tests need only a
 * JDK. No Spring context and no web layer: the query side's classes are built on it.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private static String server;

    private final String name;
    private final DriverManagerDataSource dataSource;

    private ReadModelDatabase(String name, DriverManagerDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /** A new database with the read model's tables, empty. */
    public static ReadModelDatabase create() {
        String name =
                "query_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("create database " + name);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(withDatabase(server(), name));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/query")
                .table("flyway_history_query")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load()
                .migrate();
        return new ReadModelDatabase(name, dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() {
        admin("drop database if exists " + name + " with (force)");
    }

    private static synchronized String server() {
        if (server == null) {
            String configured = System.getenv("MUSIC_TEST_DATABASE_URL");
            server = configured != null && !configured.isBlank() ? configured : embedded();
        }
        return server;
    }

    private static String embedded() {
        try {
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder().setServerConfig("jit", "off").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("could not stop the tests' embedded PostgreSQL: " + e.getMessage());
                }
            }));
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL for the query side's tests", e);
        }
    }

    private static void admin(String statement) {
        try (Connection connection = DriverManager.getConnection(server())) {
            connection.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot " + statement + " on the tests' PostgreSQL (" + server() + "): " + e.getMessage(), e);
        }
    }

    /** The same server and options, another database. */
    private static String withDatabase(String jdbcUrl, String database) {
        int start = jdbcUrl.indexOf("//");
        int slash = jdbcUrl.indexOf('/', start + 2);
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }
}
