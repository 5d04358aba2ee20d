package dev.music.app.support;

import dev.music.app.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of a test's own, which the test can crash and start again on the same port
 * and data directory: the embedded binaries, stopped the way a crash stops a server
 * ({@code pg_ctl -m immediate}: every backend killed, no checkpoint, recovery from the WAL at the
 * next start).
 */
public final class StoppablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedDatabase server;

    private StoppablePostgres(Path dataDirectory, EmbeddedDatabase server) {
        this.dataDirectory = dataDirectory;
        this.server = server;
        this.port = server.port();
    }

    public static StoppablePostgres start(Path dataDirectory) throws IOException {
        return new StoppablePostgres(dataDirectory, EmbeddedDatabase.startOrAttach(dataDirectory, 0, false));
    }

    public int port() {
        return port;
    }

    /** The service's database on this server. */
    public String jdbcUrl() {
        return jdbcUrl(EmbeddedDatabase.DATABASE);
    }

    /** Another database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** An immediate shutdown, as a crash: returns once the server's processes are gone. */
    public void crash() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .strip());
        new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster))
                .inheritIO()
                .start()
                .waitFor();
        Optional<ProcessHandle> process = ProcessHandle.of(postmaster);
        if (process.isPresent()) {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        }
        server.close(); // lets go of the data directory; the server is already down
        server = null;
    }

    /** Starts the server again on the same port and data directory (it recovers from its WAL). */
    public void restart() throws IOException {
        server = EmbeddedDatabase.startOrAttach(dataDirectory, port, false);
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
