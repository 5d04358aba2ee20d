package dev.music.app.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server whose binaries come in a Maven artifact, over a data directory that
 * persists between runs. When another process (the server, while a CLI command runs) already
 * serves the data directory, this one connects to it instead of starting a second server.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "music";

    private final EmbeddedPostgres started;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres started, int port) {
        this.started = started;
        this.port = port;
    }

    /** Serves {@code dataDirectory}, starting a server on {@code port} (0: any free port) if none runs. */
    public static EmbeddedDatabase startOrAttach(Path dataDirectory, int port, boolean clean) throws IOException {
        Files.createDirectories(dataDirectory);
        Optional<Integer> running = clean ? Optional.empty() : runningServerPort(dataDirectory);
        if (running.isPresent()) {
            log.info("Using the PostgreSQL server already running on data directory {} (port {})", dataDirectory,
                    running.get());
            EmbeddedDatabase attached = new EmbeddedDatabase(null, running.get());
            attached.createDatabaseIfMissing();
            return attached;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                // The data directory is the catalog's home: commits must be durable.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, postgres.getPort());
        database.createDatabaseIfMissing();
        log.info("Started embedded PostgreSQL on port {} with data directory {}", postgres.getPort(), dataDirectory);
        return database;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    public int port() {
        return port;
    }

    /** Whether this process started the server (and so stops it on close). */
    public boolean startedHere() {
        return started != null;
    }

    @Override
    public void close() throws IOException {
        if (started != null) {
            started.close();
        }
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"))) {
            var exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException("cannot prepare database '" + DATABASE + "' on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The port of a live postmaster serving this data directory, from its postmaster.pid. */
    private static Optional<Integer> runningServerPort(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && accepts(port) ? Optional.of(port) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
