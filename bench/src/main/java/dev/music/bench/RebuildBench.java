package dev.music.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rebuild workload: the service's {@code rebuild-projections} on a database's event store
 * (a child process, as an operator runs it: wall time, events/s, peak resident memory), then the
 * same result built directly in SQL on the same database: every song's latest details and its
 * figures from each user's latest rating, each user's latest ratings, with the serving tables'
 * indexes, in scratch tables dropped afterwards.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.RebuildBench --jar app/target/music.jar \
 *     --database 'jdbc:postgresql://127.0.0.1:5432/music?user=postgres' [--heap 384m]</pre>
 */
public final class RebuildBench {

    private static final String EVENTS = "dev.music.events.";

    private RebuildBench() {}

    public static void main(String[] args) throws Exception {
        String jar = Bench.option(args, "--jar", "app/target/music.jar");
        String database = Bench.option(args, "--database", null);
        String heap = Bench.option(args, "--heap", "384m");
        if (database == null) {
            System.err.println("usage: RebuildBench --database JDBC_URL [--jar app/target/music.jar] [--heap 384m]");
            System.exit(2);
        }
        long events;
        try (Connection connection = DriverManager.getConnection(database)) {
            events = single(connection, "select count(*) from domain_event_entry");
        }
        System.out.printf("rebuilding from %,d events%n", events);
        ChildProcess.Result service = ChildProcess.run(List.of(
                ChildProcess.java(),
                "-Xmx" + heap,
                ChildProcess.TRIM_NATIVE_HEAP,
                "-jar",
                jar,
                "rebuild-projections",
                "--spring.datasource.url=" + database));
        if (service.exitCode() != 0) {
            System.err.println(service.output());
            System.exit(1);
        }
        System.out.printf(
                "rebuild service  %7.1f s  %,10.0f events/s   peak resident memory %s%n",
                service.seconds(), events / service.seconds(), service.peakResident());

        double raw;
        try (Connection connection = DriverManager.getConnection(database)) {
            raw = rawRebuild(connection);
        }
        System.out.printf("rebuild SQL      %7.1f s  %,10.0f events/s%n", raw, events / raw);
        System.out.printf("ratio service/SQL throughput: %.2f%n", raw / service.seconds());
    }

    /** The read model in plain SQL, set at a time; seconds taken. */
    private static double rawRebuild(Connection connection) throws Exception {
        List<String> steps = new ArrayList<>(List.of(
                "drop table if exists bench_raw_songs, bench_raw_user_ratings, bench_raw_latest",
                "set work_mem = '256MB'",
                "set maintenance_work_mem = '256MB'",
                "create unlogged table bench_raw_latest as select distinct on (aggregate_identifier)"
                        + " (p->>'userId')::bigint as user_id, (p->>'songId')::bigint as song_id,"
                        + " (p->>'stars')::int as stars, (p->>'at')::timestamptz as rated_at"
                        + " from (select aggregate_identifier, sequence_number, convert_from(payload, 'UTF8')::jsonb as p"
                        + " from domain_event_entry where payload_type = '" + EVENTS + "RatingSubmitted') r"
                        + " order by aggregate_identifier, sequence_number desc",
                "create table bench_raw_songs as select (s.p->>'songId')::bigint as id, s.p->>'spotifyId' as spotify_id,"
                        + " s.p->>'title' as title, coalesce(f.stars::double precision / f.ratings, 0) as average_rating,"
                        + " coalesce(f.ratings, 0) as total_ratings, coalesce(f.stars, 0) as rating_sum, s.p->'features' as features"
                        + " from (select distinct on (aggregate_identifier) payload_type, convert_from(payload, 'UTF8')::jsonb as p"
                        + "       from domain_event_entry where payload_type in ('" + EVENTS + "SongAddedToCatalog', '"
                        + EVENTS + "SongDetailsCorrected', '" + EVENTS + "SongRemovedFromCatalog')"
                        + "       order by aggregate_identifier, sequence_number desc) s"
                        + " left join (select song_id, count(*) as ratings, sum(stars) as stars from bench_raw_latest"
                        + "            group by song_id) f on f.song_id = (s.p->>'songId')::bigint"
                        + " where s.payload_type <> '" + EVENTS + "SongRemovedFromCatalog'",
                "create table bench_raw_user_ratings as select user_id, song_id, stars, rated_at from bench_raw_latest",
                "alter table bench_raw_songs add primary key (id)",
                "alter table bench_raw_songs add unique (spotify_id)",
                "create index on bench_raw_songs using gin (title gin_trgm_ops)",
                "create index on bench_raw_songs (title)",
                "create index on bench_raw_songs (total_ratings desc, id)",
                "alter table bench_raw_user_ratings add primary key (user_id, song_id)",
                "create index on bench_raw_user_ratings (user_id, rated_at desc, song_id)"));
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (String step : steps) {
                statement.execute(step);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            statement.execute("drop table bench_raw_songs, bench_raw_user_ratings, bench_raw_latest");
            return seconds;
        }
    }

    private static long single(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
