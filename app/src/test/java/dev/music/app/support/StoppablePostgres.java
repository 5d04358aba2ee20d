package dev.music.app.support;

import dev.music.app.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of a test's own, which the test can crash and start again on the same port
 * and data directory: the embedded binaries, stopped the way a crash stops a server
 * ({@code pg_ctl -m immediate}: every backend killed, no checkpoint, recovery from the WAL at the
 * next start), or frozen where it stands.
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
        long postmaster = postmaster();
        signal("-QUIT", List.of(postmaster));
        Optional<ProcessHandle> process = ProcessHandle.of(postmaster);
        if (process.isPresent()) {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        }
        server.close(); // lets go of the data directory; the server is already down
        server = null;
    }

    /**
     * Stops every process of the server where it stands (SIGSTOP), the postmaster first so that it
     * starts no other: connections stay open and nothing answers on them, as when the network to
     * the server is cut. {@link #thaw} lets them go on.
     */
    public void freeze() throws Exception {
        long postmaster = postmaster();
        signal("-STOP", List.of(postmaster));
        signal("-STOP", processes(postmaster));
    }

    public void thaw() throws Exception {
        signal("-CONT", processes(postmaster()));
    }

    private long postmaster() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .strip());
    }

    /** The postmaster and every process it started. */
    private static List<Long> processes(long postmaster) {
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster)
                .ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
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
