package dev.music.query.replica;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.MusicApplication;
import dev.music.app.security.JwtTokens;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.ReplicatedPostgres;
import dev.music.app.support.StoppablePostgres;
import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import dev.music.command.catalog.CatalogImporter;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.song.SongProjection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The catalog's reads on a real streaming replica of a real primary, both started by the test:
 * the reads land on the replica (its scan and statement counters say so, the primary's stay still), a read
 * with a consistency token stays exact through it, a replica held back beyond the allowed lag or
 * stopped leaves the reads to the primary without one failed answer, a read the replica fails
 * under (crashed, or cancelling it for its recovery) is answered by the primary, one that stops
 * answering (frozen, as behind a cut network) is found out by the checks alone, and the reads
 * return to the replica once it has caught up or is back.
 */
class ReplicaReadsTest {

    private static final int READS = 30;
    private static final int CLIENTS = 6;

    private Api anonymous;
    private Api admin;
    private ConfigurableApplicationContext service;

    @Test
    void catalogReadsUseTheReplicaWhileItKeepsUpAndThePrimaryOtherwise(@TempDir Path dir) throws Exception {
        try (ReplicatedPostgres servers = ReplicatedPostgres.start(dir);
                ConfigurableApplicationContext service = new SpringApplicationBuilder(MusicApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + servers.primary().jdbcUrl(),
                                "--music.replica.url=" + servers.replica().jdbcUrl(),
                                "--music.replica.max-lag=1s",
                                "--music.replica.check-interval=200ms",
                                "--music.catalog.import-on-empty=false",
                                "--music.jwt.secret=" + IntegrationTest.JWT_SECRET,
                                "--spring.jmx.enabled=false")) {
            this.service = service;
            anonymous = Api.at("http://localhost:" + service.getEnvironment().getProperty("local.server.port"));
            admin = signedIn(Role.ADMIN);
            ProjectionProgress progress = service.getBean(ProjectionProgress.class);
            try (InputStream file = Files.newInputStream(CatalogFiles.projectPlaylist())) {
                service.getBean(CatalogImporter.class).importCatalog(file, Map.of("user", "test"), done -> {});
            }
            assertThat(progress.awaitCaughtUp(SongProjection.NAME, progress.head(), Duration.ofSeconds(30)))
                    .isTrue();
            awaitReplica("up");

            readsLandOn(servers.replica(), servers.primary(), "the replica");
            readYourWritesStaysExact("replica");

            try (Connection replica =
                            DriverManager.getConnection(servers.replica().jdbcUrl());
                    Statement statement = replica.createStatement()) {
                statement.execute("select pg_wal_replay_pause()");
                rate(signedIn(Role.USER), 2, 4); // the primary moves on; the replica does not follow
                awaitReplica("lagging");
                readsLandOn(servers.primary(), servers.replica(), "the primary, past the lag");
                readYourWritesStaysExact("primary");
                statement.execute("select pg_wal_replay_resume()");
            }
            awaitReplica("up");
            readsLandOn(servers.replica(), servers.primary(), "the replica, caught up");

            replicaCancelsReadsForItsRecovery(servers);
            replicaCrashes(servers);
            replicaStopsAnswering(servers);

            String metrics = admin.get("/actuator/prometheus").body();
            assertThat(metrics)
                    .contains("music_replica_lag_seconds{replica=\"localhost:"
                            + servers.replica().port());
            assertThat(metrics)
                    .contains("music_replica_up{replica=\"localhost:"
                            + servers.replica().port());
            assertThat(metrics)
                    .contains("music_replica_reads_repeated_total{replica=\"localhost:"
                            + servers.replica().port());
        }
    }

    /**
     * The replica cancels reads at once when the WAL it replays needs their locks (no standby
     * delay), while the primary takes exclusive locks on the songs under six clients' reads.
     */
    private void replicaCancelsReadsForItsRecovery(ReplicatedPostgres servers) throws Exception {
        try (Connection replica = DriverManager.getConnection(servers.replica().jdbcUrl());
                Statement statement = replica.createStatement();
                Connection primary =
                        DriverManager.getConnection(servers.primary().jdbcUrl());
                Statement locks = primary.createStatement()) {
            statement.execute("alter system set max_standby_streaming_delay = 0");
            statement.execute("select pg_reload_conf()");
            everyReadAnswersWhile("the replica cancels reads for its recovery", () -> {
                // until a lock's replay meets a read that holds the table
                double before = repeatedReads();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (repeatedReads() == before && System.nanoTime() < deadline) {
                    locks.execute("begin; lock table songs in access exclusive mode; commit");
                    Thread.sleep(20);
                }
            });
            statement.execute("alter system reset max_standby_streaming_delay");
            statement.execute("select pg_reload_conf()");
        }
        awaitReplica("up");
    }

    /** The replica crashed under reads in flight, read from while away, and restarted. */
    private void replicaCrashes(ReplicatedPostgres servers) throws Exception {
        everyReadAnswersWhile(
                "the replica crashes under reads", () -> servers.replica().crash());
        for (int i = 0; i < READS; i++) {
            assertThat(anonymous.get("/api/music/?page_size=5").status())
                    .as("a read while the replica is away")
                    .isEqualTo(200);
        }
        awaitReplica("down");
        readsLandOn(servers.primary(), null, "the primary, the replica away");
        readYourWritesStaysExact("primary");
        servers.replica().restart();
        awaitReplica("up");
        readsComeBackTo(servers.replica(), servers.primary(), "the replica, back");
    }

    /**
     * Reads land on {@code expected} within 20 s: after a restart the replica's pool finds its
     * closed connections one read at a time, and each such read marks the replica down until its
     * next check, so on a busy machine a first round of reads may all fall back to the primary.
     */
    private void readsComeBackTo(StoppablePostgres expected, StoppablePostgres other, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                readsLandOn(expected, other, what);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                awaitReplica("up");
            }
        }
    }

    /** The replica frozen, as behind a cut network: first with no read in flight, then under reads. */
    private void replicaStopsAnswering(ReplicatedPostgres servers) throws Exception {
        // No read in flight: only the checks can find that it no longer answers.
        servers.replica().freeze();
        try {
            awaitReplica("down");
            readsLandOn(servers.primary(), null, "the primary, the replica not answering");
        } finally {
            servers.replica().thaw();
        }
        awaitReplica("up");
        readsLandOn(servers.replica(), servers.primary(), "the replica, answering again");

        // Reads in flight there wait out their network timeout, then the primary answers them.
        try {
            everyReadAnswersWhile("the replica stops answering under reads", servers.replica()::freeze);
        } finally {
            servers.replica().thaw();
        }
        awaitReplica("up");
    }

    /**
     * Reads of every kind, then where they ran: {@code expected}'s catalog tables were scanned
     * for them and its statements counted, while {@code other} ran fewer catalog reads than
     * there were requests (a statement or two may fall back while a replica's pool reconnects).
     */
    private void readsLandOn(StoppablePostgres expected, StoppablePostgres other, String what) throws Exception {
        long scansBefore = scans(expected.jdbcUrl());
        long before = ReplicatedPostgres.catalogReads(expected);
        long otherBefore = other == null ? 0 : ReplicatedPostgres.catalogReads(other);
        String spotifyId = anySpotifyId();
        for (int i = 0; i < 4 * READS; i++) {
            String path = readOfEveryKind(i, spotifyId);
            Api.Response response = anonymous.get(path);
            assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(200);
        }
        assertThat(ReplicatedPostgres.catalogReads(expected) - before)
                .as("catalog reads on %s", what)
                .isGreaterThanOrEqualTo(READS);
        if (other != null) {
            assertThat(ReplicatedPostgres.catalogReads(other) - otherBefore)
                    .as("catalog reads elsewhere while the reads went to %s", what)
                    .isLessThan(READS);
        }
        // The table statistics arrive late (a backend reports them once idle), but they arrive.
        awaitTrue(() -> scans(expected.jdbcUrl()) >= scansBefore + READS, "the reads' scans on " + what);
    }

    /**
     * Reads of every kind from several clients at once, while {@code fault} strikes the replica
     * under them and for a moment after: every answer is 200, and some reads the replica failed
     * under were answered again by the primary (the fault did strike reads in flight).
     */
    private void everyReadAnswersWhile(String fault, Fault strike) throws Exception {
        double repeatedBefore = repeatedReads();
        String spotifyId = anySpotifyId();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> failed = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int i = client; !stop.get(); i++) {
                        String path = readOfEveryKind(i, spotifyId);
                        Api.Response response = anonymous.get(path);
                        if (response.status() != 200) {
                            failed.add(path + ": " + response.status() + " " + response.body());
                        }
                    }
                }));
            }
            Thread.sleep(500);
            strike.run();
            Thread.sleep(1_000);
            stop.set(true);
            for (Future<?> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }
        assertThat(failed).as("answers other than 200 while %s", fault).isEmpty();
        assertThat(repeatedReads())
                .as("reads answered again by the primary while %s", fault)
                .isGreaterThan(repeatedBefore);
    }

    /** The list, ranked search, statistics and a song in turn, with filters that vary with {@code i}. */
    private static String readOfEveryKind(int i, String spotifyId) {
        return switch (i % 4) {
            case 0 -> "/api/music/?page_size=5&ordering=tempo&min_energy=0." + i % 10;
            case 1 -> "/api/search/?q=love";
            case 2 -> "/api/statistics/?min_tempo=" + (80 + i % 60);
            default -> "/api/songs/" + spotifyId + "/";
        };
    }

    private String anySpotifyId() {
        return anonymous
                .get("/api/music/?page_size=1")
                .json()
                .get("results")
                .get(0)
                .get("spotify_id")
                .asText();
    }

    private double repeatedReads() {
        return service.getBean(MeterRegistry.class)
                .get("music.replica.reads.repeated")
                .functionCounter()
                .count();
    }

    /** What a test does to a server. */
    private interface Fault {
        void run() throws Exception;
    }

    /** Ratings read back with their consistency tokens: the new figures every time, from {@code source}. */
    private void readYourWritesStaysExact(String source) {
        JsonNode chosen = anonymous
                .get("/api/music/?page_size=1&ordering=id")
                .json()
                .get("results")
                .get(0);
        long song = chosen.get("id").asLong();
        String spotifyId = chosen.get("spotify_id").asText();
        for (int i = 0; i < 10; i++) {
            JsonNode before = anonymous.get("/api/songs/" + spotifyId + "/").json();
            String token = rate(signedIn(Role.USER), song, 5);
            Api.Response read = anonymous.with("X-Consistency-Token", token).get("/api/songs/" + spotifyId + "/");
            assertThat(read.header("X-Consistency")).isEqualTo("applied");
            assertThat(read.header("X-Consistency-Source")).isEqualTo(source);
            assertThat(read.json().get("total_ratings").asLong())
                    .as("the rating, read back through the %s", source)
                    .isGreaterThanOrEqualTo(before.get("total_ratings").asLong() + 1);
        }
    }

    private String rate(Api user, long song, int score) {
        Api.Response rated = user.post("/api/rating/", "{\"music\": " + song + ", \"score\": " + score + "}");
        assertThat(rated.status()).as(rated.body()).isEqualTo(201);
        return rated.json().get("consistency_token").asText();
    }

    private Api signedIn(Role role) {
        AccountService.Result account = service.getBean(AccountService.class)
                .register(
                        role.name().toLowerCase() + "-"
                                + UUID.randomUUID().toString().substring(0, 8),
                        "correct horse battery",
                        role);
        assertThat(account.problems()).isEmpty();
        return anonymous.bearer(
                service.getBean(JwtTokens.class).access(account.account().id()));
    }

    private void awaitReplica(String state) throws InterruptedException {
        awaitTrue(
                () -> state.equals(admin.get("/api/admin/projections/")
                        .json()
                        .get("replicas")
                        .get(0)
                        .get("state")
                        .asText()),
                "the replica " + state);
    }

    /** Index and sequential scans of the catalog's tables on a server, as its statistics count them. */
    private static long scans(String url) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            try (ResultSet row =
                    statement.executeQuery("select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)"
                            + " from pg_stat_user_tables where relname in ('songs', 'song_rankings')")) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s for %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
