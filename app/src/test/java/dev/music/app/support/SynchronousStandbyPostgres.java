package dev.music.app.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A primary PostgreSQL server and a synchronous standby of it, made the way an operator makes
 * them: the machine's own PostgreSQL binaries ({@code initdb}, then {@code pg_basebackup -R} of
 * the running primary), with {@code synchronous_standby_names} naming the standby, so that a
 * commit returns only once the standby has its WAL on disk. A test crashes or freezes the primary
 * and promotes the standby, as a failover manager would.
 *
 * <p>The servers run as the {@code postgres} user when the tests run as root (PostgreSQL refuses
 * to run as root), in a directory of their own under {@code /tmp}.
 */
public final class SynchronousStandbyPostgres implements AutoCloseable {

    public static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");
    public static final String DATABASE = "music";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final Server primary;
    private final Server standby;

    /** One server: its data directory and port. */
    public record Server(Path dataDirectory, int port) {

        public String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=postgres";
        }

        /** The server's postmaster and every process it started. */
        List<Long> processes() throws IOException {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return List.of();
            }
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            Optional<ProcessHandle> process = ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return List.of();
            }
            List<Long> pids = new ArrayList<>(List.of(postmaster));
            process.get().descendants().forEach(child -> pids.add(child.pid()));
            return pids;
        }
    }

    private SynchronousStandbyPostgres(Path dir, Server primary, Server standby) {
        this.dir = dir;
        this.primary = primary;
        this.standby = standby;
    }

    /** Skips the test, saying why, where the machine has no PostgreSQL 15 binaries. */
    public static void assumeBinaries() {
        Assumptions.assumeTrue(
                Files.isExecutable(BINARIES.resolve("initdb")) && Files.isExecutable(BINARIES.resolve("pg_basebackup")),
                "PostgreSQL 15's initdb and pg_basebackup are not under " + BINARIES
                        + " (Debian's postgresql-15 package): the failover tests need a primary and a standby of their own");
    }

    public static SynchronousStandbyPostgres start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "music-failover-");
        owned(dir);
        Server primary = new Server(dir.resolve("primary"), ServiceProcess.freePort());
        Server standby = new Server(dir.resolve("standby"), ServiceProcess.freePort());
        SynchronousStandbyPostgres servers = new SynchronousStandbyPostgres(dir, primary, standby);
        try {
            run("initdb", "-D", primary.dataDirectory().toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
            configure(primary, "synchronous_commit = on\n");
            servers.startServer(primary);
            execute(primary, "postgres", "create database " + DATABASE);
            run(
                    "pg_basebackup",
                    "-h",
                    "localhost",
                    "-p",
                    Integer.toString(primary.port()),
                    "-U",
                    "postgres",
                    "-D",
                    standby.dataDirectory().toString(),
                    "-R",
                    "-X",
                    "stream",
                    "--checkpoint=fast");
            // The standby names itself to the primary, which then waits for it at every commit.
            // Only the primary names a synchronous standby: promoted, the standby runs alone, as a
            // failover manager leaves it when no other node is left.
            configure(standby, "cluster_name = 'standby'\n");
            servers.startServer(standby);
            execute(primary, "postgres", "alter system set synchronous_standby_names = 'standby'");
            execute(primary, "postgres", "select pg_reload_conf()");
            servers.awaitSynchronousStandby();
            return servers;
        } catch (Exception | Error e) {
            servers.close();
            throw e;
        }
    }

    public Server primary() {
        return primary;
    }

    public Server standby() {
        return standby;
    }

    /** The service's URL over both servers, as an operator writes it: pgjdbc connects to whichever is primary. */
    public String failoverUrl() {
        return "jdbc:postgresql://localhost:" + primary.port() + ",localhost:" + standby.port() + "/" + DATABASE
                + "?user=postgres&targetServerType=primary";
    }

    /** The primary's host dies: every process of it killed at once, its sockets closed by the kernel. */
    public void crashPrimary() throws Exception {
        signal("-KILL", primary.processes());
        awaitGone(primary);
    }

    /**
     * The primary stops where it stands (SIGSTOP, the postmaster first so that it starts no other):
     * its sockets stay open and nothing answers on them, as when the network to its host is cut.
     */
    public void freezePrimary() throws Exception {
        List<Long> processes = primary.processes();
        signal("-STOP", processes.subList(0, 1));
        signal("-STOP", primary.processes());
    }

    /** What a failover manager does once the primary is gone: the standby becomes the primary. */
    public void promoteStandby() throws Exception {
        run("pg_ctl", "promote", "-w", "-D", standby.dataDirectory().toString());
    }

    private void startServer(Server server) throws Exception {
        run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                server.dataDirectory().toString(),
                "-l",
                dir.resolve(server.dataDirectory().getFileName() + ".log").toString());
    }

    private void awaitSynchronousStandby() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection connection = DriverManager.getConnection(primary.jdbcUrl());
                    var rows = connection
                            .createStatement()
                            .executeQuery("select 1 from pg_stat_replication where application_name = 'standby'"
                                    + " and sync_state = 'sync' and state = 'streaming'")) {
                if (rows.next()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the standby did not become the primary's synchronous standby within 30 s");
    }

    private static void configure(Server server, String settings) throws IOException {
        Files.writeString(
                server.dataDirectory().resolve("postgresql.auto.conf"),
                "port = " + server.port() + "\nlisten_addresses = 'localhost'\nunix_socket_directories = '"
                        + server.dataDirectory() + "'\nshared_buffers = '128MB'\nmax_connections = 100\n"
                        + settings,
                StandardOpenOption.APPEND);
    }

    private static void execute(Server server, String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + server.port() + "/" + database + "?user=postgres")) {
            connection.createStatement().execute(sql);
        }
    }

    /** Runs one of PostgreSQL's programs, as the postgres user when this is root; fails on a non-zero exit. */
    private static void run(String program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BINARIES.resolve(program).toString());
        command.addAll(List.of(args));
        // To a file, not a pipe: the server pg_ctl starts would hold a pipe open after pg_ctl ends.
        Path output = Files.createTempFile("music-postgres-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void owned(Path dir) throws Exception {
        if (ROOT) {
            Process chown = new ProcessBuilder("chown", "postgres:postgres", dir.toString())
                    .inheritIO()
                    .start();
            if (chown.waitFor() != 0) {
                throw new IllegalStateException("cannot give " + dir + " to the postgres user");
            }
        }
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void awaitGone(Server server) throws Exception {
        Path pidFile = server.dataDirectory().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(postmaster);
        if (process.isPresent()) {
            process.get().onExit().get();
        }
    }

    /** Kills both servers outright (a frozen one included) and removes their directory. */
    @Override
    public void close() throws Exception {
        for (Server server : List.of(primary, standby)) {
            signal("-KILL", server.processes());
            awaitGone(server);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }
}
