package dev.music.app.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server whose binaries come in a Maven artifact, over a data directory that
 * persists between runs. When another live process (the server, while a CLI command runs) already
 * serves the data directory, this one connects to it instead of starting a second server. A
 * server whose starter has died (killed, or crashed) is an orphan: it is stopped and started
 * again by this process, which then owns it and stops it when it stops. The starter's process id
 * and start time are kept in {@value #OWNER_FILE} in the data directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "music";
    static final String OWNER_FILE = "music-owner";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres started;
    private final int port;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres started, int port, Path dataDirectory) {
        this.started = started;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Serves {@code dataDirectory}, starting a server on {@code port} (0: any free port) if none runs. */
    public static EmbeddedDatabase startOrAttach(Path dataDirectory, int port, boolean clean) throws IOException {
        Files.createDirectories(dataDirectory);
        Optional<Postmaster> running = clean ? Optional.empty() : runningServer(dataDirectory);
        if (running.isPresent() && !ownerGone(dataDirectory)) {
            log.info(
                    "Using the PostgreSQL server already running on data directory {} (port {})",
                    dataDirectory,
                    running.get().port());
            EmbeddedDatabase attached = new EmbeddedDatabase(null, running.get().port(), dataDirectory);
            attached.createDatabaseIfMissing();
            return attached;
        }
        if (running.isPresent()) {
            log.warn(
                    "The PostgreSQL server on data directory {} (process {}) was left running by a process that is"
                            + " gone: stopping it to start it again as this process's own",
                    dataDirectory,
                    running.get().pid());
            stopOrphan(running.get());
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                // The data directory is the catalog's home: commits must be durable.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("shared_buffers", sharedBuffers())
                // JIT compiles a search PostgreSQL prices high and takes longer at it than the search.
                .setServerConfig("jit", "off");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        writeOwner(dataDirectory); // meanwhile an owner is not known, and the server not taken for an orphan
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, postgres.getPort(), dataDirectory);
        database.createDatabaseIfMissing();
        log.info("Started embedded PostgreSQL on port {} with data directory {}", postgres.getPort(), dataDirectory);
        return database;
    }

    /**
     * The server's page cache: an eighth of the machine's memory, between PostgreSQL's default
     * of 128 MB and 1 GB. A million songs' read model (the songs rows 333 MB, titles 58 MB,
     * rankings 50 MB, with the indexes a search walks) does not fit the default, and a search
     * then reads its pages from the operating system's cache instead: 1 GB took the search mix at
     * a million songs from 83 to 111 searches a second. A configured server is sized by its
     * operator (the README's "Sizing the database").
     */
    static String sharedBuffers() {
        long memory = ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        long megabytes = Math.max(128, Math.min(1024, memory / 8 / (1024 * 1024)));
        return megabytes + "MB";
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
            Files.deleteIfExists(dataDirectory.resolve(OWNER_FILE));
        }
    }

    /** Records this process as the server's owner: its id and start time (ids are reused). */
    private static void writeOwner(Path dataDirectory) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(dataDirectory.resolve(OWNER_FILE), self.pid() + " " + startTime(self) + "\n");
    }

    /**
     * Whether the process that started the server is known to be gone. A server without a recorded
     * owner (started by an earlier version, or by hand) is never taken for an orphan.
     */
    private static boolean ownerGone(Path dataDirectory) {
        String[] owner;
        try {
            owner = Files.readString(dataDirectory.resolve(OWNER_FILE)).strip().split(" ");
        } catch (IOException e) {
            return false;
        }
        try {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(owner[0]));
            return process.isEmpty()
                    || !process.get().isAlive()
                    || owner.length > 1 && !owner[1].equals(startTime(process.get()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String startTime(ProcessHandle process) {
        return process.info()
                .startInstant()
                .map(instant -> Long.toString(instant.toEpochMilli()))
                .orElse("?");
    }

    /** A fast shutdown (clients disconnected, a checkpoint written), then waits for the postmaster to end. */
    private static void stopOrphan(Postmaster orphan) throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(orphan.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            Optional<ProcessHandle> process = ProcessHandle.of(orphan.pid());
            if (process.isPresent()) {
                process.get().onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL server", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "the orphaned PostgreSQL server (process " + orphan.pid() + ") did not stop within "
                            + ORPHAN_STOP_WAIT.toSeconds() + " s",
                    e);
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
            throw new IOException(
                    "cannot prepare database '" + DATABASE + "' on port " + port + ": " + e.getMessage(), e);
        }
    }

    private record Postmaster(long pid, int port) {}

    /** A live postmaster serving this data directory, from its postmaster.pid. */
    private static Optional<Postmaster> runningServer(Path dataDirectory) {
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
            return alive && accepts(port) ? Optional.of(new Postmaster(pid, port)) : Optional.empty();
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
