package dev.music.app.support;

import dev.music.app.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides which PostgreSQL the tests get: the server named by
 * {@code MUSIC_TEST_DATABASE_URL} (a JDBC URL of a database on it, with a user allowed to create
 * databases), else a Testcontainers PostgreSQL when Docker is available, else the embedded
 * PostgreSQL. Every test class gets a database of its own, dropped when the tests end.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "MUSIC_TEST_DATABASE_URL";

    private static Server server;
    private static final List<String> created = new ArrayList<>();

    private TestDatabase() {}

    /** A JDBC URL of a new, empty database. */
    public static synchronized String freshDatabaseUrl() {
        Server current = server();
        String name =
                "music_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(current.adminUrl)) {
            connection.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + current.description, e);
        }
        created.add(name);
        return withDatabase(current.adminUrl, name);
    }

    private static Server server() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll));
        }
        return server;
    }

    private static Server start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new Server(url, "the server of " + URL_VARIABLE, null);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            String admin = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?") + "user="
                    + container.getUsername() + "&password=" + container.getPassword();
            return new Server(admin, "a Testcontainers PostgreSQL", container::stop);
        }
        try {
            Path dataDirectory = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "test-postgres-" + ProcessHandle.current().pid());
            EmbeddedDatabase embedded = EmbeddedDatabase.startOrAttach(dataDirectory, 0, true);
            return new Server(embedded.jdbcUrl("postgres"), "the embedded PostgreSQL", () -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for the tests", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static synchronized void dropAll() {
        if (server == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(server.adminUrl)) {
            for (String name : created) {
                connection.createStatement().execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test databases: " + e.getMessage());
        }
        if (server.stop != null) {
            server.stop.run();
        }
    }

    /** The same server and options, another database. */
    static String withDatabase(String jdbcUrl, String database) {
        int start = jdbcUrl.indexOf("//");
        int slash = jdbcUrl.indexOf('/', start + 2);
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private record Server(String adminUrl, String description, Runnable stop) {}
}
