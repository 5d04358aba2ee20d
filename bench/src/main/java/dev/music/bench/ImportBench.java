package dev.music.bench;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The import workload: {@code load-music FILE} into a fresh database (a child process, as an
 * operator runs it, waiting until the catalog is searchable: wall time, songs/s, peak resident
 * memory), then the same rows written directly: the catalog events, {@code known_songs} and the
 * {@code songs} rows the import produced, streamed by COPY from a client into empty copies of
 * those tables with their keys and indexes, on the same database.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.ImportBench --jar app/target/music.jar \
 *     --server 'jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' --file bench/catalogs/catalog-1m.json</pre>
 */
public final class ImportBench {

    private static final List<String> TABLES = List.of("domain_event_entry", "known_songs", "songs");

    private ImportBench() {}

    public static void main(String[] args) throws Exception {
        String jar = Bench.option(args, "--jar", "app/target/music.jar");
        String server = Bench.option(args, "--server", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String file = Bench.option(args, "--file", null);
        String heap = Bench.option(args, "--heap", "384m");
        String name = Bench.option(args, "--name", "bench_import");
        if (file == null) {
            System.err.println(
                    "usage: ImportBench --file CATALOG.json [--server JDBC_URL] [--jar music.jar] [--heap 384m]");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name);
            statement.execute("create database " + name);
        }
        String database = server.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        ChildProcess.Result service = ChildProcess.run(List.of(
                ChildProcess.java(),
                "-Xmx" + heap,
                ChildProcess.TRIM_NATIVE_HEAP,
                "-jar",
                jar,
                "load-music",
                file,
                "--spring.datasource.url=" + database));
        if (service.exitCode() != 0) {
            System.err.println(service.output());
            System.exit(1);
        }
        long songs;
        double raw;
        try (Connection connection = DriverManager.getConnection(database)) {
            try (Statement statement = connection.createStatement();
                    var result = statement.executeQuery("select count(*) from songs")) {
                result.next();
                songs = result.getLong(1);
            }
            raw = rawCopy(connection, database);
        }
        System.out.printf(
                "import service  %7.1f s  %,9.0f songs/s   peak resident memory %s%n",
                service.seconds(), songs / service.seconds(), service.peakResident());
        System.out.printf(
                "import SQL      %7.1f s  %,9.0f songs/s   (COPY of the same rows into copies of the tables)%n",
                raw, songs / raw);
        System.out.printf("ratio service/SQL throughput: %.2f%n", raw / service.seconds());
    }

    /** Streams each table's rows out and into an empty copy of it with its keys and indexes; seconds taken. */
    private static double rawCopy(Connection connection, String database) throws Exception {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("drop table if exists bench_copy_" + table);
                statement.execute("create table bench_copy_" + table + " (like " + table + " including all)");
            }
        }
        long started = System.nanoTime();
        for (String table : TABLES) {
            try (Connection reader = DriverManager.getConnection(database)) {
                CopyManager out = reader.unwrap(PGConnection.class).getCopyAPI();
                PipedInputStream in = new PipedInputStream(1 << 20);
                PipedOutputStream pipe = new PipedOutputStream(in);
                CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> {
                    try (pipe) {
                        return out.copyOut("copy " + table + " to stdout (format binary)", pipe);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                copy.copyIn("copy bench_copy_" + table + " from stdin (format binary)", in);
                reading.join();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("drop table bench_copy_" + table);
            }
        }
        return seconds;
    }
}
