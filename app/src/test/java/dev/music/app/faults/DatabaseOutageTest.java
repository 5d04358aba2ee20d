package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.music.app.support.Load;
import dev.music.app.support.StoppablePostgres;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.projection.ProjectionVerifier;
import dev.music.query.song.SongProjection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database crashes under rating and search load and comes back ten seconds later; the
 * service is not restarted. While it is away every answer is a prompt 503 and readiness says so;
 * once it is back every answer succeeds within seconds, reads with a consistency token see fresh
 * ratings at once, the read model equals a recount of the event store, and no acknowledged rating
 * is missing.
 */
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration PROMPT = Duration.ofMillis(2_500);
    private static final Duration HEALED_WITHIN = Duration.ofSeconds(10);

    @Test
    void anOutageUnderLoadIsAnswered503AndHealsWithoutARestart(@TempDir Path dir) throws Exception {
        try (StoppablePostgres postgres = StoppablePostgres.start(dir.resolve("postgres"));
                ConfigurableApplicationContext service = Faults.serviceWithCatalog(postgres.jdbcUrl())) {
            String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            ProjectionProgress progress = service.getBean(ProjectionProgress.class);
            List<Load.Rater> raters = Faults.raters(service, 12);

            BlockingQueue<String> live = liveRatings(base);
            Load load = new Load(base, raters, 4, 100);
            Load probes = new Load(base, List.of(), 0, 0);
            Thread.sleep(3_000);
            long crashed = System.nanoTime();
            postgres.crash();
            long down = System.nanoTime();
            List<Load.Answer> readiness = new ArrayList<>();
            while (System.nanoTime() - crashed < OUTAGE.toNanos()) {
                probes.send("readiness", HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")));
                probes.send("liveness", HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")));
                Thread.sleep(250);
            }
            long restarting = System.nanoTime();
            postgres.restart();
            long up = System.nanoTime();
            Thread.sleep(HEALED_WITHIN.toMillis() + 3_000);
            load.close();

            List<Load.Answer> answers = load.answers();
            assertThat(answers)
                    .as("every request was answered, with success or 503")
                    .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 201, 503));
            List<Load.Answer> duringOutage = answers.stream()
                    .filter(a -> a.started() > down && a.ended() < restarting)
                    .toList();
            assertThat(duringOutage)
                    .as("answers while the database was away")
                    .hasSizeGreaterThan(10)
                    .allSatisfy(a -> {
                        assertThat(a.status()).as(a.toString()).isEqualTo(503);
                        assertThat(a.retryAfter()).isNotNull();
                        assertThat(a.contentType()).startsWith("application/problem+json");
                        assertThat(Duration.ofMillis(a.millis()))
                                .as(a.toString())
                                .isLessThanOrEqualTo(PROMPT);
                    });
            List<Load.Answer> probed = probes.answers();
            assertThat(probed)
                    .filteredOn(a -> a.kind().equals("liveness"))
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
            assertThat(probed)
                    .filteredOn(a -> a.kind().equals("readiness") && a.started() > down + PROMPT.toNanos())
                    .isNotEmpty()
                    .allSatisfy(a -> {
                        assertThat(a.status())
                                .as("readiness while the database is away")
                                .isEqualTo(503);
                        assertThat(Duration.ofMillis(a.millis())).isLessThanOrEqualTo(PROMPT);
                    });
            long lastFailure = answers.stream()
                    .filter(a -> !a.succeeded())
                    .mapToLong(Load.Answer::ended)
                    .max()
                    .orElse(up);
            Duration healed = Duration.ofNanos(Math.max(0, lastFailure - up));
            assertThat(healed)
                    .as("every answer succeeds this soon after the database is back")
                    .isLessThanOrEqualTo(HEALED_WITHIN);
            assertThat(answers)
                    .filteredOn(a -> a.started() > lastFailure)
                    .as("answers after healing")
                    .hasSizeGreaterThan(20);

            live.clear();
            Load.Rater fresh = raters.get(0);
            long consistencyWait = Faults.rateAndReadBack(probes, base, fresh);

            long heard = heardOf(live, 7, Duration.ofSeconds(5));
            assertThat(heard)
                    .as("a live listener opened before the outage hears of the rating")
                    .isEqualTo(7);

            long verifyStarted = System.nanoTime();
            assertThat(progress.awaitCaughtUp(SongProjection.NAME, progress.head(), Duration.ofSeconds(10)))
                    .isTrue();
            assertThat(service.getBean(ProjectionVerifier.class).differences()).isEmpty();
            Duration verified = Duration.ofNanos(System.nanoTime() - verifyStarted);

            List<Load.Acknowledged> acknowledged = load.acknowledged();
            Faults.assertStored(postgres.jdbcUrl(), acknowledged);
            System.out.printf(
                    "database outage: %d answers while away, all 503, slowest %d ms; readiness 503 while"
                            + " away; every answer 2xx %d ms after the database was back; a fresh rating applied after"
                            + " %d ms; caught up and equal to a recount in %d ms; %d acknowledged ratings all stored%n",
                    duringOutage.size(),
                    duringOutage.stream().mapToLong(Load.Answer::millis).max().orElse(0),
                    healed.toMillis(),
                    consistencyWait,
                    verified.toMillis(),
                    acknowledged.size());
        }
    }

    /** The data lines of the service's live rating stream, as they come. */
    private static BlockingQueue<String> liveRatings(String base) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/events/ratings/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(
                () -> response.body().filter(line -> line.startsWith("data:")).forEach(lines::add), "live-ratings");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The song of the first live update about {@code song}, or -1 when none came in time. */
    private static long heardOf(BlockingQueue<String> live, long song, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = live.poll(100, TimeUnit.MILLISECONDS);
            if (line != null
                    && new ObjectMapper().readTree(line.substring(5)).get("id").asLong() == song) {
                return song;
            }
        }
        return -1;
    }
}
