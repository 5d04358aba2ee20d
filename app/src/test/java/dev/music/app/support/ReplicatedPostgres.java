package dev.music.app.support;

import dev.music.app.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A primary PostgreSQL server of a test's own and a streaming replica of it, both from the
 * embedded binaries. Those hold no {@code pg_basebackup}; the replica starts from a copy of the
 * primary's data directory taken while the primary was cleanly stopped (a cold base backup, which
 * is all that pg_basebackup makes of a running server too), with {@code standby.signal} and the
 * primary's address: it then streams the primary's WAL like any other replica. Either server can
 * be crashed and restarted ({@link StoppablePostgres}).
 *
 * <p>Both count their statements in {@code pg_stat_statements} (installed in the {@code postgres}
 * database, out of the service's way): unlike the table statistics, which a backend reports up
 * to ten seconds after it has gone idle, those counts are there the moment a statement ends.
 */
public record ReplicatedPostgres(StoppablePostgres primary, StoppablePostgres replica) implements AutoCloseable {

    /** What a running server leaves in its directory that a copy must not take along. */
    private static final String STATISTICS_DATABASE = "postgres";

    private static final Set<String> RUNTIME_FILES =
            Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "music-owner");

    public static ReplicatedPostgres start(Path dir) throws IOException {
        Path primaryDir = dir.resolve("primary");
        Path replicaDir = dir.resolve("replica");
        try (StoppablePostgres initialized = StoppablePostgres.start(primaryDir)) { // initdb, the service's database
            execute(initialized.jdbcUrl(STATISTICS_DATABASE), "create extension pg_stat_statements");
        }
        Files.writeString(
                primaryDir.resolve("postgresql.auto.conf"),
                "shared_preload_libraries = 'pg_stat_statements'\n",
                StandardOpenOption.APPEND);
        copy(primaryDir, replicaDir);
        Files.setPosixFilePermissions(replicaDir, PosixFilePermissions.fromString("rwx------"));
        StoppablePostgres primary = StoppablePostgres.start(primaryDir);
        Files.writeString(replicaDir.resolve("standby.signal"), "");
        Files.writeString(
                replicaDir.resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=localhost port=" + primary.port()
                        + " user=postgres application_name=replica'\n"
                        // queries on the replica hold back the primary's cleanup instead of being cancelled
                        + "hot_standby_feedback = on\n",
                StandardOpenOption.APPEND);
        StoppablePostgres replica = StoppablePostgres.start(replicaDir);
        return new ReplicatedPostgres(primary, replica);
    }

    /**
     * Statements that read the service's catalog tables ({@code songs}, {@code song_rankings}) on
     * {@code server} so far: what a read routed there runs, and nothing else the service does
     * (its writes to them are left out).
     */
    public static long catalogReads(StoppablePostgres server) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(STATISTICS_DATABASE));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select coalesce(sum(s.calls), 0) from pg_stat_statements s"
                        + " join pg_database d on d.oid = s.dbid where d.datname = '" + EmbeddedDatabase.DATABASE
                        + "' and s.query ~* '\\m(songs|song_rankings)\\M'"
                        + " and s.query !~* '\\m(insert|update|delete)\\M'")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String url, String sql) throws IOException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!RUNTIME_FILES.contains(file.getFileName().toString())) {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            replica.close();
        } finally {
            primary.close();
        }
    }
}
