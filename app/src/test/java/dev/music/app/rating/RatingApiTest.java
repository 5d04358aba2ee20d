package dev.music.app.rating;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import dev.music.command.rating.SubmitRating;
import dev.music.events.Stars;
import dev.music.eventstore.PositionedCommands;
import dev.music.query.song.SongBatchWriter;
import dev.music.query.song.SongProjection;
import dev.music.query.song.SongRowChange;
import dev.music.query.song.SongTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/rating/ as the earlier API's clients use it, and the averages it leads to. */
class RatingApiTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.axonframework.config.EventProcessingConfiguration processing;

    @org.springframework.beans.factory.annotation.Autowired
    private CommandGateway commands;

    @org.springframework.beans.factory.annotation.Autowired
    private TransactionManager transactionManager;

    @BeforeEach
    void catalog() throws Exception {
        if (importer.catalogIsEmpty()) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
    }

    @Test
    void aRatingIsAcceptedWithTheEarlierAPIsAnswerAndAConsistencyToken() {
        Api.Response response = signedIn(Role.USER).post("/api/rating/", "{\"music\": 1, \"score\": 4}");
        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("detail").asText()).isEqualTo("Rating submitted successfully and is being processed.");
        assertThat(body.get("consistency_token").asText()).isNotBlank();
        assertThat(response.header("X-Consistency-Token"))
                .isEqualTo(body.get("consistency_token").asText());
        long position = jdbc.queryForObject(
                "select max(global_index) from domain_event_entry" + " where aggregate_identifier like 'rating-1-%'",
                Long.class);
        assertThat(body.get("consistency_token").asText())
                .as("the rating event's position and song")
                .isEqualTo(position + ":1");
    }

    /** The consistency token's position comes from the append itself, not from a query after it. */
    @Test
    void theEventStoreReportsThePositionOfTheEventItAppends() {
        // without a JdbcTemplate: asking the event store for the position afterwards would fail
        PositionedCommands withoutQueries = new PositionedCommands(commands, transactionManager, null);
        SubmitRating command = new SubmitRating(13, 424_242, Stars.of(3), Instant.now());
        long position = withoutQueries.send(command.ratingId(), command, MetaData.emptyInstance());
        assertThat(position)
                .isEqualTo(jdbc.queryForObject(
                        "select global_index from domain_event_entry where aggregate_identifier = ?",
                        Long.class,
                        command.ratingId()));
    }

    /**
     * Group commit's unit of work: ratings sent together read their aggregates' events in one
     * query, each one's history intact, and append in one transaction, a rating sent twice in one
     * batch after itself.
     */
    @Test
    void ratingsSentTogetherLoadTheirHistoriesAndAppendInOneTransaction() {
        long ann = newAccount("together", Role.USER);
        long bob = newAccount("together", Role.USER);
        PositionedCommands positioned = new PositionedCommands(commands, transactionManager, jdbc);
        SubmitRating earlier = new SubmitRating(31, ann, Stars.of(2), Instant.now());
        positioned.send(earlier.ratingId(), earlier, MetaData.emptyInstance());

        List<SubmitRating> ratings = List.of(
                new SubmitRating(31, ann, Stars.of(4), Instant.now()),
                new SubmitRating(32, ann, Stars.of(5), Instant.now()),
                new SubmitRating(31, ann, Stars.of(1), Instant.now()),
                new SubmitRating(31, bob, Stars.of(3), Instant.now()));
        long[] positions = positioned.sendTogether(ratings.stream()
                .map(rating -> new PositionedCommands.Command(rating.ratingId(), rating, MetaData.emptyInstance()))
                .toList());

        assertThat(jdbc.queryForList(
                        """
                        select aggregate_identifier || ' ' || sequence_number || ' '
                            || (convert_from(payload, 'UTF8')::jsonb ->> 'stars') || ' after '
                            || coalesce(convert_from(payload, 'UTF8')::jsonb ->> 'previousStars', '-')
                        from domain_event_entry where aggregate_identifier in (?, ?, ?)
                        order by global_index""",
                        String.class,
                        earlier.ratingId(),
                        ratings.get(1).ratingId(),
                        ratings.get(3).ratingId()))
                .containsExactly(
                        "rating-31-" + ann + " 0 2 after -",
                        "rating-31-" + ann + " 1 4 after 2",
                        "rating-32-" + ann + " 0 5 after -",
                        "rating-31-" + ann + " 2 1 after 4",
                        "rating-31-" + bob + " 0 3 after -");
        long newest = jdbc.queryForObject(
                "select max(global_index) from domain_event_entry where aggregate_identifier = ?",
                Long.class,
                earlier.ratingId());
        assertThat(positions[0]).as("a rating's newest event").isEqualTo(newest);
        assertThat(positions[2]).isEqualTo(newest);
        assertThat(jdbc.queryForObject(
                        "select count(distinct xmin::text) from domain_event_entry where global_index = any (?::bigint[])",
                        Long.class,
                        java.util.Arrays.toString(positions).replace('[', '{').replace(']', '}')))
                .as("one transaction")
                .isEqualTo(1);
    }

    /** An aggregate is read in ranges of 1,000 events: one of more is still loaded whole before it appends. */
    @Test
    void aRatingWithMoreEventsThanOneReadIsLoadedWhole() {
        long userId = newAccount("prolific", Role.USER);
        Api user = api().bearer(tokens.access(userId));
        assertThat(user.post("/api/rating/", "{\"music\": 21, \"score\": 3}").status())
                .isEqualTo(201);
        String ratingId = "rating-21-" + userId;
        // 1,000 more re-ratings with the same score, as if submitted one by one
        jdbc.update("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                select aggregate_identifier, n, type, gen_random_uuid()::text, meta_data,
                    convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{previousStars}',
                        convert_from(payload, 'UTF8')::jsonb -> 'stars')::text, 'UTF8'),
                    payload_revision, payload_type, time_stamp
                from domain_event_entry, generate_series(1, 1000) n
                where aggregate_identifier = ? and sequence_number = 0""", ratingId);

        assertThat(user.post("/api/rating/", "{\"music\": 21, \"score\": 5}").status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject(
                        "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                        Long.class,
                        ratingId))
                .as("appended after all 1,001 earlier events")
                .isEqualTo(1001);
    }

    /** Each message word for word is the controller's web-slice test (RatingControllerTest); here, across the stack. */
    @Test
    void invalidRatingsAreAnsweredWithTheEarlierAPIsMessagesAndStoreNothing() {
        Api user = signedIn(Role.USER);
        assertInvalid(
                user, "{\"music\": 1, \"score\": 0}", "score", "Ensure this value is greater than or equal to 1.");
        assertInvalid(user, "{\"music\": 1, \"score\": 4.5}", "score", "A valid integer is required.");
        assertInvalid(user, "{\"music\": 999, \"score\": 3}", "music", "Invalid pk \"999\" - object does not exist.");
        assertInvalid(
                user,
                "{\"music\": \"abc\", \"score\": 3}",
                "music",
                "Incorrect type. Expected pk value, received str.");
        Api.Response both = user.post("/api/rating/", "{}");
        assertThat(both.json().get("music").get(0).asText()).isEqualTo("This field is required.");
        assertThat(both.json().get("score").get(0).asText()).isEqualTo("This field is required.");
    }

    @Test
    void malformedBodiesAreClientErrorsThatChangeNothing() {
        Api user = signedIn(Role.USER);
        long events = eventCount();
        assertThat(user.post("/api/rating/", "{\"music\": 1, ").status()).isEqualTo(400);
        Api.Response list = user.post("/api/rating/", "[1, 4]");
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.json().get("non_field_errors").get(0).asText())
                .isEqualTo("Invalid data. Expected a dictionary, but got list.");
        Api.Response text = user.with("Content-Type", "text/plain").send("POST", "/api/rating/", "music=1");
        assertThat(text.status()).isIn(400, 415);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void scoresWrittenAsTextOrWithADecimalZeroAreAccepted() {
        Api user = signedIn(Role.USER);
        assertThat(user.post("/api/rating/", "{\"music\": 2, \"score\": \"4\"}").status())
                .isEqualTo(201);
        assertThat(user.post("/api/rating/", "{\"music\": 3, \"score\": 4.0}").status())
                .isEqualTo(201);
        assertThat(user.post("/api/rating/", "{\"music\": \"4\", \"score\": 2}").status())
                .isEqualTo(201);
    }

    @Test
    void formEncodedRatingsAreAcceptedAsBefore() {
        Api.Response response = signedIn(Role.USER)
                .with("Content-Type", "application/x-www-form-urlencoded")
                .send("POST", "/api/rating/", "music=5&score=3");
        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void reRatingReplacesTheEarlierScore() throws Exception {
        Api user = signedIn(Role.USER);
        user.post("/api/rating/", "{\"music\": 10, \"score\": 5}");
        String token = user.post("/api/rating/", "{\"music\": 10, \"score\": 2}")
                .json()
                .get("consistency_token")
                .asText();

        JsonNode song = song(10, token);
        assertThat(song.get("total_ratings").asLong()).isEqualTo(1);
        assertThat(song.get("average_rating").asDouble()).isEqualTo(2.0);
        JsonNode mine =
                user.with("X-Consistency-Token", token).get("/api/me/ratings/").json();
        assertThat(mine.get("count").asInt()).isEqualTo(1);
        assertThat(mine.get("results").get(0).get("music").asLong()).isEqualTo(10);
        assertThat(mine.get("results").get(0).get("score").asInt()).isEqualTo(2);
        assertProjectionEqualsEventStore();
    }

    @Test
    void twoUsersOnOneSongAverageTheirScores() throws Exception {
        signedIn(Role.USER).post("/api/rating/", "{\"music\": 11, \"score\": 5}");
        String token = signedIn(Role.USER)
                .post("/api/rating/", "{\"music\": 11, \"score\": 2}")
                .json()
                .get("consistency_token")
                .asText();
        JsonNode song = song(11, token);
        assertThat(song.get("total_ratings").asLong()).isEqualTo(2);
        assertThat(song.get("average_rating").asDouble()).isEqualTo(3.5);
        assertProjectionEqualsEventStore();
    }

    @Test
    void fiftyConcurrentUsersOnOneSongAreAllCounted() throws Exception {
        List<Api> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(signedIn(Role.USER));
        }
        List<Api.Response> responses = concurrently(
                50, n -> users.get(n).post("/api/rating/", "{\"music\": 12, \"score\": " + (n % 5 + 1) + "}"));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));

        assertProjectionEqualsEventStore();
        JsonNode song = api().get("/api/music/?ordering=id&min_total_ratings=1&max_total_ratings=1000&page_size=100")
                .json()
                .get("results");
        JsonNode twelve = null;
        for (JsonNode s : song) {
            if (s.get("id").asLong() == 12) {
                twelve = s;
            }
        }
        assertThat(twelve).isNotNull();
        assertThat(twelve.get("total_ratings").asLong()).isEqualTo(50);
        assertThat(twelve.get("average_rating").asDouble()).isEqualTo(3.0); // ten each of 1..5
    }

    /**
     * A projector's run of rating figures is written in one statement: each song's figures move
     * by its own change, the average recomputed from the sums, the rankings copy alike.
     */
    @Test
    void ratingFiguresOfSeveralSongsWrittenTogetherMoveEachByItsOwnChange() throws Exception {
        awaitProjection();
        SongBatchWriter serving = new SongBatchWriter(jdbc, SongTables.SERVING);
        List<Map<String, Object>> before = figures();
        serving.writeRows(List.of(
                new SongRowChange.AddRatings(61, 1, 4),
                new SongRowChange.AddRatings(62, 2, 7),
                new SongRowChange.AddRatings(63, 1, 5)));
        assertThat(figures())
                .containsExactly(
                        Map.of("id", 61L, "total_ratings", 1L, "rating_sum", 4L, "average_rating", 4.0, "ranked", true),
                        Map.of("id", 62L, "total_ratings", 2L, "rating_sum", 7L, "average_rating", 3.5, "ranked", true),
                        Map.of(
                                "id",
                                63L,
                                "total_ratings",
                                1L,
                                "rating_sum",
                                5L,
                                "average_rating",
                                5.0,
                                "ranked",
                                true));
        serving.writeRows(List.of(
                new SongRowChange.AddRatings(61, -1, -4),
                new SongRowChange.AddRatings(62, -2, -7),
                new SongRowChange.AddRatings(63, -1, -5)));
        assertThat(figures()).as("taken back").isEqualTo(before);
    }

    private List<Map<String, Object>> figures() {
        return jdbc.queryForList("""
                select s.id, s.total_ratings::bigint as total_ratings, s.rating_sum, s.average_rating,
                    (r.total_ratings = s.total_ratings and r.average_rating = s.average_rating) as ranked
                from songs s join song_rankings r on r.id = s.id where s.id in (61, 62, 63) order by s.id""");
    }

    @Test
    void aUserRacingHimselfEndsWithOneRatingAndNoServerError() throws Exception {
        Api user = signedIn(Role.USER);
        List<Api.Response> responses =
                concurrently(20, n -> user.post("/api/rating/", "{\"music\": 13, \"score\": " + (n % 5 + 1) + "}"));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));

        assertProjectionEqualsEventStore();
        JsonNode song = api().get("/api/songs/" + spotifyIdOf(13) + "/").json();
        assertThat(song.get("total_ratings").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier like 'rating-13-%'",
                        Long.class))
                .isEqualTo(20);
    }

    @Test
    void aReadWithTheConsistencyTokenSeesTheRating() {
        Api user = signedIn(Role.USER);
        Api.Response rated = user.post("/api/rating/", "{\"music\": 14, \"score\": 5}");
        Api.Response read = api().with("X-Consistency-Token", rated.header("X-Consistency-Token"))
                .get("/api/songs/" + spotifyIdOf(14) + "/");
        assertThat(read.header("X-Consistency")).isEqualTo("applied");
        assertThat(read.header("X-Consistency-Source")).as("without replicas").isEqualTo("primary");
        assertThat(read.json().get("total_ratings").asLong()).isGreaterThanOrEqualTo(1);
        Api.Response beyond =
                api().with("X-Consistency-Token", "9223372036854775807").get("/api/music/?page_size=1");
        assertThat(beyond.header("X-Consistency"))
                .as("a position no write has reached")
                .isEqualTo("stale");
        assertThat(Long.parseLong(beyond.header("X-Consistency-Wait-Ms"))).isLessThan(500);
        Api.Response bad = api().with("X-Consistency-Token", "not-a-token").get("/api/music/");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void aReadGivesUpWaitingWithinTheBoundAndSaysSo() {
        var processor = processing
                .eventProcessor(SongProjection.NAME, org.axonframework.eventhandling.StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown(); // the projection stands still: the rating below cannot show
        try {
            Api.Response rated = signedIn(Role.USER).post("/api/rating/", "{\"music\": 18, \"score\": 2}");
            Api.Response read = api().with("X-Consistency-Token", rated.header("X-Consistency-Token"))
                    .get("/api/music/?page_size=1");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Consistency")).isEqualTo("stale");
            assertThat(Long.parseLong(read.header("X-Consistency-Wait-Ms"))).isBetween(1900L, 4000L);
        } finally {
            processor.start();
        }
    }

    @Test
    void listenersHearTheNewFiguresAsTheProjectionAppliesThem() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api().base() + "/api/events/ratings/?song=16"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        var lines = response.body().iterator();
        signedIn(Role.USER).post("/api/rating/", "{\"music\": 17, \"score\": 1}");
        signedIn(Role.USER).post("/api/rating/", "{\"music\": 16, \"score\": 4}");
        String data = null;
        while (lines.hasNext() && data == null) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                data = line.substring(5);
            }
        }
        JsonNode figures = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
        assertThat(figures.get("id").asLong()).as("only the song asked for").isEqualTo(16);
        assertThat(figures.get("total_ratings").asLong()).isEqualTo(1);
        assertThat(figures.get("average_rating").asDouble()).isEqualTo(4.0);
        assertThat(api().get("/api/events/ratings/?song=x").status()).isEqualTo(400);
    }

    @Test
    void ratingEventsCarryAuditMetaData() {
        long userId = newAccount("audited", Role.USER);
        api().bearer(tokens.access(userId))
                .with("X-Request-Id", "req-42")
                .post("/api/rating/", "{\"music\": 15, \"score\": 1}");
        Map<String, Object> metaData = jdbc.queryForMap(
                "select convert_from(meta_data, 'UTF8')::jsonb->>'userId' as user,"
                        + " convert_from(meta_data, 'UTF8')::jsonb->>'requestId' as request,"
                        + " convert_from(meta_data, 'UTF8')::jsonb->>'correlationId' as correlation"
                        + " from domain_event_entry where aggregate_identifier = ?",
                "rating-15-" + userId);
        assertThat(metaData)
                .containsEntry("user", Long.toString(userId))
                .containsEntry("request", "req-42")
                .containsEntry("correlation", "req-42");
    }

    private void assertInvalid(Api user, String body, String field, String message) {
        long events = eventCount();
        Api.Response response = user.post("/api/rating/", body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get(field)).as(body).isNotNull();
        assertThat(response.json().get(field).get(0).asText()).as(body).isEqualTo(message);
        assertThat(eventCount()).as("nothing stored for %s", body).isEqualTo(events);
    }

    private JsonNode song(long id, String consistencyToken) {
        Api.Response response =
                api().with("X-Consistency-Token", consistencyToken).get("/api/songs/" + spotifyIdOf(id) + "/");
        assertThat(response.header("X-Consistency")).isEqualTo("applied");
        return response.json();
    }

    private String spotifyIdOf(long id) {
        return jdbc.queryForObject("select spotify_id from known_songs where song_id = ?", String.class, id);
    }

    interface Call {
        Api.Response run(int n) throws Exception;
    }

    /** Runs the calls at the same moment, each on its own thread. */
    static List<Api.Response> concurrently(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit((Callable<Api.Response>) () -> {
                    start.await();
                    return call.run(n);
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
