package dev.music.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rating history for auditors, read from the event store. */
class AuditLogTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void catalog() throws Exception {
        if (importer.catalogIsEmpty()) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
    }

    @Test
    void anAuditorReconstructsASongsFiguresAtAPastInstant() throws Exception {
        List<Api> raters = List.of(signedIn(Role.USER), signedIn(Role.USER), signedIn(Role.USER));
        raters.get(0).post("/api/rating/", "{\"music\": 40, \"score\": 5}");
        raters.get(1).post("/api/rating/", "{\"music\": 40, \"score\": 2}");
        String token = raters.get(0)
                .post("/api/rating/", "{\"music\": 40, \"score\": 3}")
                .header("X-Consistency-Token");
        JsonNode then = api().with("X-Consistency-Token", token)
                .get("/api/songs/" + spotifyIdOf(40) + "/")
                .json();
        Thread.sleep(5);
        Instant past = Instant.now();
        Thread.sleep(5);
        raters.get(2).post("/api/rating/", "{\"music\": 40, \"score\": 1}");
        raters.get(1).post("/api/rating/", "{\"music\": 40, \"score\": 5}");

        List<JsonNode> history =
                ndjson(signedIn(Role.AUDITOR).get("/api/songs/" + spotifyIdOf(40) + "/ratings/history/"));
        assertThat(history).hasSize(5);
        assertThat(history).extracting(e -> e.get("global_position").asLong()).isSorted();
        assertThat(history.get(2).get("previous_stars").asInt()).isEqualTo(5);
        assertThat(history.get(0).get("previous_stars").isNull()).isTrue();

        Map<Long, Integer> latestByUser = new HashMap<>();
        for (JsonNode event : history) {
            if (!Instant.parse(event.get("time").asText()).isAfter(past)) {
                latestByUser.put(event.get("user").asLong(), event.get("stars").asInt());
            }
        }
        double average = latestByUser.values().stream()
                .mapToInt(Integer::intValue)
                .average()
                .orElse(0);
        assertThat(latestByUser).hasSize((int) then.get("total_ratings").asLong());
        assertThat(average).isEqualTo(then.get("average_rating").asDouble());
    }

    @Test
    void theLogFiltersByUserSongAndTimeAndSpeaksCsv() throws Exception {
        long userId = newAccount("filtered", Role.USER);
        Api user = api().bearer(tokens.access(userId));
        Instant before = Instant.now();
        user.post("/api/rating/", "{\"music\": 41, \"score\": 4}");
        user.post("/api/rating/", "{\"music\": 42, \"score\": 2}");
        signedIn(Role.USER).post("/api/rating/", "{\"music\": 41, \"score\": 1}");
        Api auditor = signedIn(Role.AUDITOR);

        assertThat(ndjson(auditor.get("/api/audit/ratings/?user=" + userId)))
                .extracting(e -> e.get("song").asLong())
                .containsExactly(41L, 42L);
        assertThat(ndjson(auditor.get("/api/audit/ratings/?song=41"))).hasSize(2);
        assertThat(ndjson(auditor.get("/api/audit/ratings/?song=" + spotifyIdOf(41))))
                .as("by Spotify id, as history")
                .hasSize(2);
        Api.Response unknown = auditor.get("/api/audit/ratings/?song=AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("song").get(0).asText()).contains("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(ndjson(auditor.get("/api/audit/ratings/?user=" + userId + "&song=42")))
                .hasSize(1);
        assertThat(ndjson(auditor.get("/api/audit/ratings/?user=" + userId + "&until=" + before)))
                .isEmpty();
        assertThat(ndjson(auditor.get("/api/audit/ratings/?user=" + userId + "&since=" + before)))
                .hasSize(2);

        Api.Response csv = auditor.with("Accept", "text/csv").get("/api/audit/ratings/?user=" + userId);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("event_id,global_position,user,song,stars,previous_stars,time,correlation_id,request_id");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).split(",")[2]).isEqualTo(Long.toString(userId));

        Api.Response bad = auditor.get("/api/audit/ratings/?user=abc&since=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().has("user")).isTrue();
        assertThat(bad.json().has("since")).isTrue();
    }

    @Test
    void onlyAuditorsAndAdminsReadTheLog() {
        String path = "/api/songs/" + spotifyIdOf(1) + "/ratings/history/";
        assertThat(api().get(path).status()).isEqualTo(401);
        assertThat(signedIn(Role.USER).get(path).status()).isEqualTo(403);
        assertThat(signedIn(Role.USER).get("/api/audit/ratings/").status()).isEqualTo(403);
        assertThat(signedIn(Role.AUDITOR).get(path).status()).isEqualTo(200);
        assertThat(signedIn(Role.ADMIN).get("/api/audit/ratings/").status()).isEqualTo(200);
        assertThat(signedIn(Role.AUDITOR)
                        .get("/api/songs/AAAAAAAAAAAAAAAAAAAAAA/ratings/history/")
                        .status())
                .isEqualTo(404);
    }

    private static List<JsonNode> ndjson(Api.Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> events = new ArrayList<>();
        for (String line : response.body().lines().toList()) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private String spotifyIdOf(long id) {
        return jdbc.queryForObject("select spotify_id from known_songs where song_id = ?", String.class, id);
    }
}
