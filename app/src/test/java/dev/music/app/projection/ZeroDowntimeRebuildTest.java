package dev.music.app.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.TableRows;
import dev.music.command.account.Role;
import dev.music.events.RatingSubmitted;
import dev.music.events.Stars;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild fills a new copy of the songs projection beside the serving one and swaps it in,
 * while searches keep answering and ratings keep arriving.
 */
class ZeroDowntimeRebuildTest extends IntegrationTest {

    private static final String SERVING_ROWS = "select * from songs order by id";
    private static final String SERVING_USER_RATINGS = "select * from user_ratings order by user_id, song_id";
    private static final String SERVING_SOUNDS = "select id, sound::text from song_sounds order by id";
    private static final String SERVING_TRIGGERS = "select tgname, pg_get_triggerdef(oid) as definition from pg_trigger"
            + " where tgrelid = 'songs'::regclass and not tgisinternal order by tgname";

    private static final String SERVING_INDEXES =
            "select tablename, indexname, regexp_replace(indexdef, ' ON \\S+', '')"
                    + " from pg_indexes where tablename in ('songs', 'user_ratings', 'song_sounds', 'sound_cells') order by 1, 2";

    @Autowired
    private EventStorageEngine eventStorage;

    @Autowired
    private TransactionTemplate transactions;

    private Api admin;

    @BeforeEach
    void catalogWithRatingsAndCorrections() throws Exception {
        if (progress.head() == 0) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
        admin = signedIn(Role.ADMIN);
        SplittableRandom random = new SplittableRandom(7);
        for (int user = 0; user < 5; user++) {
            Api rater = signedIn(Role.USER);
            for (int rating = 0; rating < 30; rating++) {
                // songs 1..40 from five users: many songs rated several times, some re-rated
                assertThat(rater.post(
                                        "/api/rating/",
                                        "{\"music\": " + (1 + random.nextInt(40)) + ", \"score\": "
                                                + (1 + random.nextInt(5)) + "}")
                                .status())
                        .isEqualTo(201);
            }
        }
        String corrected = jdbc.queryForObject("select spotify_id from known_songs where song_id = 41", String.class);
        assertThat(admin.send("PUT", "/api/admin/songs/" + corrected + "/", "{\"title\": \"Rebuilt Title\"}")
                        .status())
                .isEqualTo(200);
        String removed = jdbc.queryForObject("select spotify_id from known_songs where song_id = 42", String.class);
        admin.send("DELETE", "/api/admin/songs/" + removed + "/", null);
        awaitProjection();
    }

    @Test
    void theRebuiltCopyEqualsTheServingOneRowForRowAndSearchAnswersThroughout() throws Exception {
        List<Map<String, Object>> songs = TableRows.of(jdbc, SERVING_ROWS);
        List<Map<String, Object>> userRatings = jdbc.queryForList(SERVING_USER_RATINGS);
        List<Map<String, Object>> sounds = jdbc.queryForList(SERVING_SOUNDS);
        List<Map<String, Object>> indexes = jdbc.queryForList(SERVING_INDEXES);
        List<Map<String, Object>> triggers = jdbc.queryForList(SERVING_TRIGGERS);
        long catalogVersion = jdbc.queryForObject("select version from catalog_state", Long.class);
        long rebuildsBefore = jdbc.queryForObject("select count(*) from projection_rebuilds", Long.class);
        long events = eventCount();

        Searches searches = Searches.start(api(), songs.size());
        Api.Response started = admin.post("/api/admin/projections/songs/rebuild/", "");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/api/admin/projections/songs/");
        assertThat(started.json().get("status").asText()).isEqualTo("/api/admin/projections/songs/");
        JsonNode rebuild = awaitRebuildFinished();
        searches.stop();

        assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isEqualTo("done");
        assertThat(rebuild.get("events").asLong()).as("every event, each once").isEqualTo(events);
        assertThat(rebuild.get("progress_percent").asDouble()).isEqualTo(100.0);
        assertThat(jdbc.queryForObject("select count(*) from projection_rebuilds", Long.class))
                .isEqualTo(rebuildsBefore + 1);
        assertThat(TableRows.of(jdbc, SERVING_ROWS)).isEqualTo(songs);
        assertThat(jdbc.queryForList(SERVING_USER_RATINGS)).isEqualTo(userRatings);
        assertThat(jdbc.queryForList(SERVING_SOUNDS))
                .as("every song's sound")
                .hasSize(songs.size())
                .isEqualTo(sounds);
        assertThat(jdbc.queryForList(SERVING_INDEXES))
                .as("the serving tables' indexes under their own names")
                .isEqualTo(indexes);
        assertThat(jdbc.queryForList(SERVING_TRIGGERS))
                .as("the catalog's triggers on the new songs table")
                .isNotEmpty()
                .isEqualTo(triggers);
        assertThat(jdbc.queryForMap("select songs, version > ? as moved from catalog_state", catalogVersion))
                .as("the catalog's figures recounted at the swap")
                .isEqualTo(Map.of("songs", (long) songs.size(), "moved", true));
        assertThat(jdbc.queryForList("select tablename from pg_tables where tablename like '%rebuild%'"
                        + " and tablename <> 'projection_rebuilds'"))
                .isEmpty();
        assertThat(searches.failures)
                .as("every search answered while the rebuild ran")
                .isEmpty();
        assertThat(searches.answered.get()).isPositive();

        // The segments were handed back: the projection goes on from the new copy's position.
        assertThat(admin.post("/api/rating/", "{\"music\": 99, \"score\": 5}").status())
                .isEqualTo(201);
        assertProjectionEqualsEventStore();
        assertThat(jdbc.queryForObject("select total_ratings from songs where id = 99", Long.class))
                .isEqualTo(songs.stream()
                                .filter(s -> ((Number) s.get("id")).longValue() == 99)
                                .mapToLong(s -> ((Number) s.get("total_ratings")).longValue())
                                .sum()
                        + 1);
        JsonNode status =
                admin.get("/api/admin/projections/").json().get("projections").get(0);
        assertThat(status.get("state").asText()).isEqualTo("live");
        assertThat(status.get("rebuild").get("state").asText()).isEqualTo("done");
    }

    @Test
    void ratingsDuringARebuildAreNeitherLostNorCountedTwice() throws Exception {
        AtomicBoolean rating = new AtomicBoolean(true);
        AtomicInteger submitted = new AtomicInteger();
        List<Thread> raters = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Api rater = signedIn(Role.USER);
            int first = r;
            raters.add(started(() -> {
                SplittableRandom random = new SplittableRandom(first);
                while (rating.get()) {
                    int status = rater.post(
                                    "/api/rating/",
                                    "{\"music\": " + (1 + random.nextInt(30)) + ", \"score\": "
                                            + (1 + random.nextInt(5)) + "}")
                            .status();
                    if (status == 201) {
                        submitted.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(200);
        int before = submitted.get();
        assertThat(admin.post("/api/admin/projections/songs/rebuild/", "").status())
                .isEqualTo(202);
        JsonNode rebuild = awaitRebuildFinished();
        Thread.sleep(500);
        rating.set(false);
        for (Thread rater : raters) {
            rater.join();
        }
        assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isEqualTo("done");
        assertThat(submitted.get())
                .as("ratings kept arriving during the rebuild")
                .isGreaterThan(before);
        assertProjectionEqualsEventStore();
        assertThat(jdbc.queryForObject("select coalesce(sum(total_ratings), 0) from songs", Long.class))
                .isEqualTo(jdbc.queryForObject(
                        "select count(distinct aggregate_identifier) from domain_event_entry"
                                + " where payload_type = 'dev.music.events.RatingSubmitted'"
                                + " and (convert_from(payload, 'UTF8')::jsonb->>'songId')::bigint <> 42",
                        Long.class));
    }

    /**
     * The clock may give nanoseconds, which the driver (binding a projector's value) and
     * PostgreSQL (reading a rebuild's COPY text) round to microseconds each its own way.
     */
    @Test
    void ratingTimesBetweenMicrosecondsAreRebuiltAsTheProjectorStoredThem() throws Exception {
        List<Instant> between = List.of(
                Instant.parse("2026-11-24T10:15:30.125000500Z"),
                Instant.parse("2026-11-24T10:15:30.125001500Z"),
                Instant.parse("2026-11-24T10:15:30.999999500Z"));
        for (int song = 0; song < between.size(); song++) {
            RatingSubmitted rating = new RatingSubmitted(song + 1, 4_242, Stars.of(2), null, between.get(song));
            transactions.executeWithoutResult(status -> eventStorage.appendEvents(new GenericDomainEventMessage<>(
                    "Rating", "rating-" + rating.userId() + "-" + rating.songId(), 0, rating)));
        }
        awaitProjection();
        List<Map<String, Object>> projected = jdbc.queryForList(SERVING_USER_RATINGS);
        assertThat(jdbc.queryForList(
                        "select rated_at from user_ratings where user_id = 4242 order by song_id",
                        java.sql.Timestamp.class))
                .extracting(java.sql.Timestamp::toInstant)
                .isEqualTo(between.stream()
                        .map(at -> at.truncatedTo(ChronoUnit.MICROS))
                        .toList());

        assertThat(admin.post("/api/admin/projections/songs/rebuild/", "").status())
                .isEqualTo(202);
        assertThat(awaitRebuildFinished().get("state").asText()).isEqualTo("done");
        assertThat(jdbc.queryForList(SERVING_USER_RATINGS)).isEqualTo(projected);
    }

    @Test
    void oneRebuildAtATimeForAdminsOnly() throws Exception {
        assertThat(signedIn(Role.USER)
                        .post("/api/admin/projections/songs/rebuild/", "")
                        .status())
                .isEqualTo(403);
        assertThat(api().post("/api/admin/projections/songs/rebuild/", "").status())
                .isEqualTo(401);
        Api.Response unknown = admin.post("/api/admin/projections/nope/rebuild/", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("No projection named nope.");
        assertThat(admin.get("/api/admin/projections/nope/").status()).isEqualTo(404);

        assertThat(admin.post("/api/admin/projections/songs/rebuild/", "").status())
                .isEqualTo(202);
        // It holds the segments for a moment after the swap; a second one meanwhile is refused.
        Api.Response second = admin.post("/api/admin/projections/songs/rebuild/", "");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(second.json().get("rebuild").get("state").asText()).isNotIn("done", "failed");
        assertThat(awaitRebuildFinished().get("state").asText()).isEqualTo("done");
        assertThat(admin.post("/api/admin/projections/songs/rebuild/", "").status())
                .isEqualTo(202);
        assertThat(awaitRebuildFinished().get("state").asText()).isEqualTo("done");
        assertProjectionEqualsEventStore();
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private JsonNode awaitRebuildFinished() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = admin.get("/api/admin/projections/songs/").json();
            JsonNode rebuild = status.get("rebuild");
            if (rebuild != null && !rebuild.get("state").asText().matches("copying|indexing|catching up|swapping")) {
                return rebuild;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rebuild did not finish within a minute");
    }

    /** Searches in a loop, recording every answer that is not a full page of the catalog. */
    private static final class Searches {
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        Thread thread;

        static Searches start(Api api, int catalogSize) {
            Searches searches = new Searches();
            searches.thread = started(() -> {
                while (searches.running.get()) {
                    for (String query : List.of("/api/music/", "/api/music/?title=e&ordering=-average_rating")) {
                        Api.Response response = api.get(query);
                        if (response.status() != 200) {
                            searches.failures.add(query + " -> " + response.status() + " " + response.body());
                        } else if (query.equals("/api/music/")
                                && response.json().get("count").asInt() != catalogSize) {
                            searches.failures.add(
                                    query + " -> count " + response.json().get("count"));
                        }
                        searches.answered.incrementAndGet();
                    }
                }
            });
            return searches;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
