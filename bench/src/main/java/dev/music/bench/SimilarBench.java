package dev.music.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.music.query.ReadRouter;
import dev.music.query.similar.Recommendations;
import dev.music.query.similar.SimilarSongs;
import dev.music.query.song.SongTables;
import dev.music.query.song.SoundCells;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The similar songs and recommendations workload, against a running service and its database:
 * <ol>
 * <li><b>exactness</b>: the similar songs of {@code --targets} (200) seeded songs over HTTP against a
 *     brute force in Java over every song of the database (the contract's sound computed from the
 *     songs' features, every distance, sorted by distance then id), and a few of them as plain SQL
 *     without the index ({@code ORDER BY sound <-> target, id}: a scan of every sound and a sort);</li>
 * <li><b>similar</b>: {@code /api/songs/{spotify_id}/similar/} for seeded songs from {@code --clients}
 *     (32) for {@code --seconds}, at saturation and then paced (each client pausing {@code --pause}
 *     ms after every answer: the latency below saturation), then the service's own statements over JDBC (its
 *     {@code SimilarSongs} class, one plain connection per client);</li>
 * <li><b>recommendations</b>: a new listener rates {@code --liked} (100) songs 4 or 5 stars over
 *     HTTP, the answer is checked against the brute force once, then
 *     {@code /api/me/recommendations/} one at a time and from the clients, then the service's
 *     {@code Recommendations} class over JDBC;</li>
 * <li><b>index</b>: the sound cells built again on a copy of {@code song_sounds}, as a rebuild and
 *     the migration build them (every sound partitioned at once, then the indexes), against
 *     {@code --import-seconds}, the import's time ({@link ImportBench}'s figure for the same catalog).</li>
 * </ol>
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.SimilarBench --base http://localhost:8096 \
 *     --database 'jdbc:postgresql://127.0.0.1:5432/bench_import?user=postgres' --clients 32 --seconds 30 \
 *     --import-seconds 56.8 --pid PID</pre>
 */
public final class SimilarBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SOUND = List.of(
            "danceability", "energy", "acousticness", "instrumentalness", "liveness", "valence", "loudness", "tempo");
    private static final int SHOWN = 10;
    /** Targets of the exactness check also timed as SQL without the index. */
    private static final int SCANNED = 20;

    private final String base;
    private final String database;
    private final Catalog catalog;

    private SimilarBench(String base, String database, Catalog catalog) {
        this.base = base;
        this.database = database;
        this.catalog = catalog;
    }

    public static void main(String[] args) throws Exception {
        String base = Bench.option(args, "--base", "http://localhost:8080");
        String database = Bench.option(args, "--database", null);
        int clients = Integer.parseInt(Bench.option(args, "--clients", "32"));
        int seconds = Integer.parseInt(Bench.option(args, "--seconds", "30"));
        int warmup = Integer.parseInt(Bench.option(args, "--warmup", "10"));
        int targets = Integer.parseInt(Bench.option(args, "--targets", "200"));
        int liked = Integer.parseInt(Bench.option(args, "--liked", "100"));
        long pauseMillis = Long.parseLong(Bench.option(args, "--pause", "200"));
        long seed = Long.parseLong(Bench.option(args, "--seed", "1"));
        String importSeconds = Bench.option(args, "--import-seconds", null);
        if (database == null) {
            System.err.println("usage: SimilarBench --base URL --database JDBC_URL [--clients 32] [--seconds 30]"
                    + " [--warmup 10] [--targets 200] [--liked 100] [--pause 200] [--import-seconds S] [--pid PID]");
            System.exit(2);
        }
        long loading = System.nanoTime();
        Catalog catalog = Catalog.load(database);
        System.out.printf(
                "catalog: %,d songs with a sound, read in %.1f s; %d clients, %d s each after %d s warm-up%n",
                catalog.size(), (System.nanoTime() - loading) / 1e9, clients, seconds, warmup);
        SimilarBench bench = new SimilarBench(base, database, catalog);
        SplittableRandom random = new SplittableRandom(seed);
        bench.exactness(targets, random);
        bench.similar(clients, seconds, warmup, pauseMillis, seed);
        bench.recommendations(liked, clients, seconds, warmup, random);
        bench.indexBuild(importSeconds == null ? null : Double.parseDouble(importSeconds));
        Bench.printResidentMemory(Bench.option(args, "--pid", null));
        System.exit(0);
    }

    /** The service's similar songs of seeded songs against the brute force; a few also as SQL without the index. */
    private void exactness(int targets, SplittableRandom random) throws Exception {
        int equal = 0;
        String first = null;
        Stats service = new Stats();
        Stats javaScan = new Stats();
        Stats sqlScan = new Stats();
        JdbcTemplate jdbc = connection();
        try (PlainHttp http = new PlainHttp(base, TIMEOUT)) {
            for (int t = 0; t < targets; t++) {
                int target = random.nextInt(catalog.size());
                long started = System.nanoTime();
                JsonNode answer =
                        get(http, "/api/songs/" + catalog.spotifyIds[target] + "/similar/?limit=" + SHOWN, null);
                service.add(System.nanoTime() - started);
                started = System.nanoTime();
                List<Near> expected = catalog.nearest(catalog.sound(target), i -> i != target, SHOWN);
                javaScan.add(System.nanoTime() - started);
                if (t < SCANNED) {
                    started = System.nanoTime();
                    List<Long> scanned = jdbc.queryForList(
                            "select id from song_sounds where id <> ? order by sound <-> (select sound from song_sounds"
                                    + " where id = ?), id limit " + SHOWN,
                            Long.class,
                            catalog.ids[target],
                            catalog.ids[target]);
                    sqlScan.add(System.nanoTime() - started);
                    if (!scanned.equals(expected.stream()
                            .map(near -> catalog.ids[near.index()])
                            .toList())) {
                        first = first == null ? "song " + catalog.ids[target] + ": the SQL scan differs" : first;
                    }
                }
                String difference = difference(answer.get("results"), expected, null);
                if (difference == null) {
                    equal++;
                } else if (first == null) {
                    first = "song " + catalog.ids[target] + ": " + difference;
                }
            }
        }
        System.out.printf(
                "exactness: %d of %d similar answers equal the brute force over all %,d songs (the nearest %d, distances"
                        + " to 1e-6, ties by id)%s%n",
                equal, targets, catalog.size(), SHOWN, first == null ? "" : "; first not: " + first);
        System.out.println(service.report("service, one", seconds(service)));
        System.out.println(javaScan.report("Java scan", seconds(javaScan)));
        System.out.println(sqlScan.report("SQL scan", seconds(sqlScan)) + "   (ORDER BY sound <-> t, id: no index)");
        System.out.printf(
                "ratio SQL scan / service time, one at a time: %.1f%n",
                seconds(sqlScan) / sqlScan.count() / (seconds(service) / service.count()));
    }

    /** The similar route from the clients, then the service's statements over JDBC. */
    private void similar(int clients, int seconds, int warmup, long pauseMillis, long seed) throws Exception {
        AtomicInteger next = new AtomicInteger();
        int[] order =
                new SplittableRandom(seed + 1).ints(10_000, 0, catalog.size()).toArray();
        ClosedLoop.ClientFactory overHttp = () -> {
            PlainHttp http = new PlainHttp(base, TIMEOUT);
            return new ClosedLoop.Client() {
                @Override
                public boolean call() throws Exception {
                    int song = order[Math.floorMod(next.getAndIncrement(), order.length)];
                    return http.send("GET", "/api/songs/" + catalog.spotifyIds[song] + "/similar/", "", null)
                                    .status()
                            == 200;
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
        ClosedLoop.run(clients, warmup, overHttp);
        Stats service = ClosedLoop.run(clients, seconds, overHttp);
        System.out.println(service.report("similar HTTP", service.elapsedSeconds()) + "   (" + clients + " clients)");
        // Latency below saturation: the same clients, each pausing after every answer.
        Stats paced = ClosedLoop.run(clients, seconds, pauseMillis, overHttp);
        System.out.println(paced.report("similar paced", paced.elapsedSeconds()) + "   (" + clients + " clients, "
                + pauseMillis + " ms pauses)");
        ClosedLoop.ClientFactory overJdbc = () -> {
            SingleConnectionDataSource source = dataSource();
            SimilarSongs similar = new SimilarSongs(reads(source));
            return new ClosedLoop.Client() {
                @Override
                public boolean call() {
                    int song = order[Math.floorMod(next.getAndIncrement(), order.length)];
                    return similar.of(catalog.spotifyIds[song], SHOWN).isPresent();
                }

                @Override
                public void close() {
                    source.destroy();
                }
            };
        };
        ClosedLoop.run(clients, warmup, overJdbc);
        Stats raw = ClosedLoop.run(clients, seconds, overJdbc);
        System.out.println(raw.report("similar SQL", raw.elapsedSeconds()) + "   (" + clients
                + " clients, the service's statements)");
        System.out.printf("ratio service/SQL throughput: %.2f%n", service.throughput() / raw.throughput());
    }

    /** A listener with {@code liked} liked songs: the answer checked once, then timed alone and from the clients. */
    private void recommendations(int liked, int clients, int seconds, int warmup, SplittableRandom random)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String account = "{\"username\": \"similar-" + run + "\", \"password\": \"bench password " + run + "\"}";
        Set<Integer> songs = new LinkedHashSet<>();
        while (songs.size() < liked) {
            songs.add(random.nextInt(catalog.size()));
        }
        String bearer;
        long userId;
        try (PlainHttp http = new PlainHttp(base, TIMEOUT)) {
            http.send("POST", "/api/register/", "Content-Type: application/json\r\n", account);
            String access = JSON.readTree(
                            http.send("POST", "/api/token/", "Content-Type: application/json\r\n", account)
                                    .body())
                    .get("access")
                    .asText();
            bearer = "Authorization: Bearer " + access + "\r\n";
            userId = get(http, "/api/me/", bearer).get("id").asLong();
            for (int song : songs) {
                http.send(
                        "POST",
                        "/api/rating/",
                        "Content-Type: application/json\r\n" + bearer,
                        "{\"music\": " + catalog.ids[song] + ", \"score\": " + (4 + random.nextInt(2)) + "}");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (get(http, "/api/me/ratings/?page_size=1", bearer)
                            .get("count")
                            .asLong()
                    < liked) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the listener's ratings were not projected within a minute");
                }
                Thread.sleep(100);
            }
            double[] taste = new double[SOUND.size()];
            for (int song : songs) {
                double[] sound = catalog.sound(song);
                for (int i = 0; i < taste.length; i++) {
                    taste[i] += sound[i];
                }
            }
            for (int i = 0; i < taste.length; i++) {
                taste[i] /= songs.size();
            }
            JsonNode answer = get(http, "/api/me/recommendations/?limit=" + SHOWN, bearer);
            String difference = difference(
                    answer.get("results"), catalog.nearest(taste, i -> !songs.contains(i), SHOWN), List.copyOf(songs));
            System.out.printf(
                    "exactness: the recommendations of a listener with %d liked songs %s%n",
                    liked,
                    difference == null ? "equal the brute force (songs, distances, because)" : "differ: " + difference);
        }
        ClosedLoop.ClientFactory overHttp = () -> {
            PlainHttp http = new PlainHttp(base, TIMEOUT);
            return new ClosedLoop.Client() {
                @Override
                public boolean call() throws Exception {
                    return http.send("GET", "/api/me/recommendations/", bearer, null)
                                    .status()
                            == 200;
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
        ClosedLoop.run(1, warmup, overHttp);
        Stats alone = ClosedLoop.run(1, seconds, overHttp);
        System.out.println(
                alone.report("recommend HTTP", alone.elapsedSeconds()) + "   (1 client, " + liked + " liked songs)");
        Stats loaded = ClosedLoop.run(clients, seconds, overHttp);
        System.out.println(loaded.report("recommend HTTP", loaded.elapsedSeconds()) + "   (" + clients + " clients)");
        ClosedLoop.ClientFactory overJdbc = () -> {
            SingleConnectionDataSource source = dataSource();
            Recommendations recommendations = new Recommendations(reads(source));
            return new ClosedLoop.Client() {
                @Override
                public boolean call() {
                    return !recommendations.of(userId, SHOWN).isEmpty();
                }

                @Override
                public void close() {
                    source.destroy();
                }
            };
        };
        ClosedLoop.run(1, warmup, overJdbc);
        Stats raw = ClosedLoop.run(1, seconds, overJdbc);
        System.out.println(
                raw.report("recommend SQL", raw.elapsedSeconds()) + "   (1 client, the service's statements)");
        System.out.printf("ratio service/SQL throughput, one at a time: %.2f%n", alone.throughput() / raw.throughput());
    }

    /**
     * The sound cells built again on a copy of the sounds, as a rebuild builds them: every sound
     * read, partitioned, written again in the order of its cell, then the two indexes.
     */
    private void indexBuild(Double importSeconds) throws Exception {
        SingleConnectionDataSource source = new SingleConnectionDataSource(database, true);
        try {
            source.setAutoCommit(false);
            JdbcTemplate jdbc = new JdbcTemplate(source);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(source));
            SongTables copy = new SongTables(
                    "songs", "user_ratings", "song_rankings", "song_titles", "bench_song_sounds", "bench_sound_cells");
            transaction.executeWithoutResult(status -> {
                jdbc.execute("drop table if exists bench_song_sounds, bench_sound_cells");
                jdbc.execute("create table bench_song_sounds (like song_sounds)");
                jdbc.execute("create table bench_sound_cells (like sound_cells)");
                jdbc.execute("insert into bench_song_sounds select id, sound, 0 from song_sounds");
            });
            long started = System.nanoTime();
            transaction.executeWithoutResult(status -> {
                jdbc.execute("set local maintenance_work_mem = '256MB'");
                new SoundCells(jdbc, copy).partitionAll();
                jdbc.execute("alter table bench_sound_cells add primary key (cell)");
                jdbc.execute("create index on bench_song_sounds (cell) include (id, sound)");
                jdbc.execute("create index on bench_sound_cells using gist (box)");
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            long cells = jdbc.queryForObject("select count(*) from bench_sound_cells", Long.class);
            long size = jdbc.queryForObject(
                    "select pg_total_relation_size('bench_song_sounds') + pg_total_relation_size('bench_sound_cells')",
                    Long.class);
            transaction.executeWithoutResult(status -> jdbc.execute("drop table bench_song_sounds, bench_sound_cells"));
            System.out.printf(
                    "cells build: %.1f s for %,d sounds in %,d cells (%,d MB with their indexes)%s%n",
                    seconds,
                    catalog.size(),
                    cells,
                    size >> 20,
                    importSeconds == null
                            ? " (no --import-seconds: no ratio to the import)"
                            : String.format(
                                    "; the import took %.1f s: %.0f%% of it",
                                    importSeconds, 100 * seconds / importSeconds));
        } finally {
            source.destroy();
        }
    }

    /** Why an answer's songs differ from the expected ones, or null when they are the same, in order. */
    private String difference(JsonNode results, List<Near> expected, List<Integer> liked) {
        if (results.size() != expected.size()) {
            return results.size() + " songs, expected " + expected.size();
        }
        for (int k = 0; k < results.size(); k++) {
            JsonNode found = results.get(k);
            Near near = expected.get(k);
            if (found.get("id").asLong() != catalog.ids[near.index()]) {
                return "#" + (k + 1) + " is song " + found.get("id").asLong() + ", expected "
                        + catalog.ids[near.index()];
            }
            if (Math.abs(found.get("distance").asDouble() - near.distance()) > 1e-6) {
                return "#" + (k + 1) + " at distance " + found.get("distance").asDouble() + ", expected "
                        + near.distance();
            }
            if (liked != null) {
                int because = liked.stream()
                        .min(Comparator.comparingDouble(
                                        (Integer song) -> distance(catalog.sound(song), catalog.sound(near.index())))
                                .thenComparingLong(song -> catalog.ids[song]))
                        .orElseThrow();
                if (found.get("because").get("id").asLong() != catalog.ids[because]) {
                    return "#" + (k + 1) + " because of song "
                            + found.get("because").get("id") + ", expected " + catalog.ids[because];
                }
            }
        }
        return null;
    }

    private static JsonNode get(PlainHttp http, String path, String headers) throws IOException {
        PlainHttp.Answer answer = http.send("GET", path, headers == null ? "" : headers, null);
        if (answer.status() != 200) {
            throw new IllegalStateException(path + " answered " + answer.status() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** A plain connection set up as the service's are. */
    private JdbcTemplate connection() {
        return new JdbcTemplate(dataSource());
    }

    /** One plain connection set up as the service's are; its holder closes it. */
    private SingleConnectionDataSource dataSource() {
        SingleConnectionDataSource source = new SingleConnectionDataSource(database, true);
        new JdbcTemplate(source).query(SearchBench.SERVICE_SESSION, row -> {});
        return source;
    }

    private static ReadRouter reads(SingleConnectionDataSource source) {
        return ReadRouter.primary(
                new JdbcTemplate(source), new TransactionTemplate(new DataSourceTransactionManager(source)));
    }

    private static double seconds(Stats stats) {
        return stats.totalNanos() / 1e9;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private record Near(int index, double distance) {}

    /** Every song that has a sound: its id, Spotify id and the contract's sound from its features. */
    private static final class Catalog {

        final long[] ids;
        final String[] spotifyIds;
        private final double[] sounds;

        private Catalog(long[] ids, String[] spotifyIds, double[] sounds) {
            this.ids = ids;
            this.spotifyIds = spotifyIds;
            this.sounds = sounds;
        }

        static Catalog load(String database) {
            List<Long> ids = new ArrayList<>();
            List<String> spotifyIds = new ArrayList<>();
            double[][] sounds = {new double[1 << 16]};
            new JdbcTemplate(new SingleConnectionDataSource(database, true))
                    .query(
                            "select s.id, s.spotify_id, "
                                    + String.join(
                                            ", ",
                                            SOUND.stream().map(f -> "s." + f).toList())
                                    + " from songs s where exists (select 1 from song_sounds t where t.id = s.id)"
                                    + " order by s.id",
                            row -> {
                                int at = ids.size() * SOUND.size();
                                if (at + SOUND.size() > sounds[0].length) {
                                    sounds[0] = Arrays.copyOf(sounds[0], sounds[0].length * 2);
                                }
                                ids.add(row.getLong(1));
                                spotifyIds.add(row.getString(2));
                                for (int i = 0; i < SOUND.size(); i++) {
                                    double value = row.getDouble(3 + i);
                                    sounds[0][at + i] = switch (SOUND.get(i)) {
                                        case "loudness" -> Math.min(1, Math.max(0, (value + 60) / 60));
                                        case "tempo" -> Math.min(1, Math.max(0, value / 250));
                                        default -> value;
                                    };
                                }
                            });
            return new Catalog(
                    ids.stream().mapToLong(Long::longValue).toArray(), spotifyIds.toArray(String[]::new), sounds[0]);
        }

        int size() {
            return ids.length;
        }

        double[] sound(int index) {
            return Arrays.copyOfRange(sounds, index * SOUND.size(), (index + 1) * SOUND.size());
        }

        /** The {@code count} songs {@code keep} keeps nearest to the target, by distance then id, over every song. */
        List<Near> nearest(double[] target, java.util.function.IntPredicate keep, int count) {
            // the best so far, worst first: a song enters when it is nearer than the worst, or as near with a lower id
            java.util.PriorityQueue<Near> best =
                    new java.util.PriorityQueue<>(Comparator.comparingDouble(Near::distance)
                            .thenComparingInt(Near::index)
                            .reversed());
            int dimensions = SOUND.size();
            for (int i = 0; i < ids.length; i++) {
                if (!keep.test(i)) {
                    continue;
                }
                double sum = 0;
                for (int d = 0; d < dimensions; d++) {
                    double difference = sounds[i * dimensions + d] - target[d];
                    sum += difference * difference;
                }
                Near near = new Near(i, Math.sqrt(sum));
                if (best.size() < count) {
                    best.add(near);
                } else if (best.comparator().compare(near, best.peek()) > 0) {
                    best.poll();
                    best.add(near);
                }
            }
            List<Near> sorted = new ArrayList<>(best);
            sorted.sort(Comparator.comparingDouble(Near::distance).thenComparingInt(Near::index));
            return sorted;
        }
    }
}
