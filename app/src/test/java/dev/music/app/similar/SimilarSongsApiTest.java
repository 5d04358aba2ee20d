package dev.music.app.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/songs/{spotify_id}/similar/ and GET /api/me/recommendations/ over HTTP, end to end: the
 * project's playlist imported as events, projected, and answered; each answer checked against the
 * contract's sound computed here from the songs the API shows, over the whole catalog.
 */
class SimilarSongsApiTest extends IntegrationTest {

    private static final List<String> SOUND = List.of(
            "danceability", "energy", "acousticness", "instrumentalness", "liveness", "valence", "loudness", "tempo");

    @BeforeEach
    void playlist() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void theSimilarSongsAreTheNearestByTheContractsSoundWithTheirClosestFeatures() {
        Map<Long, JsonNode> catalog = catalog();
        for (JsonNode song : List.copyOf(catalog.values()).subList(0, 20)) {
            long id = song.get("id").asLong();
            Api.Response response =
                    api().get("/api/songs/" + song.get("spotify_id").asText() + "/similar/");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<Near> expected = nearest(catalog, sound(song), other -> other != id, 10);
            JsonNode results = response.json().get("results");
            assertThat(ids(results)).isEqualTo(expected.stream().map(Near::id).toList());
            for (int k = 0; k < results.size(); k++) {
                JsonNode found = results.get(k);
                assertThat(found.get("distance").asDouble())
                        .isCloseTo(expected.get(k).distance(), within(1e-6));
                assertThat(found.get("title").asText())
                        .isEqualTo(catalog.get(found.get("id").asLong())
                                .get("title")
                                .asText());
                List<String> closest = new ArrayList<>();
                found.get("closest_in").forEach(name -> closest.add(name.asText()));
                assertThat(closest)
                        .isEqualTo(closestIn(
                                sound(song), sound(catalog.get(found.get("id").asLong()))));
            }
        }
    }

    @Test
    void theLimitIsOneToAHundredTenByDefaultAndAnythingElseIsRefused() {
        String path = "/api/songs/" + anySpotifyId() + "/similar/";
        assertThat(api().get(path).json().get("results")).hasSize(10);
        assertThat(api().get(path + "?limit=1").json().get("results")).hasSize(1);
        assertThat(api().get(path + "?limit=100").json().get("results"))
                .as("every other song of the catalog")
                .hasSize(catalog().size() - 1);
        Map<String, String> refused = Map.of(
                "0", "Ensure this value is greater than or equal to 1.",
                "-3", "Ensure this value is greater than or equal to 1.",
                "101", "Ensure this value is less than or equal to 100.",
                "99999999999999999999", "Ensure this value is less than or equal to 100.",
                "abc", "A valid integer is required.",
                "2.5", "A valid integer is required.",
                "", "A valid integer is required.");
        Api listener = signedIn(Role.USER);
        refused.forEach((limit, message) -> {
            for (Api.Response response : List.of(
                    api().get(path + "?limit=" + limit), listener.get("/api/me/recommendations/?limit=" + limit))) {
                assertThat(response.status()).as("limit=" + limit).isEqualTo(400);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                JsonNode problem = response.json();
                assertThat(problem.get("detail").asText()).isEqualTo("Invalid input.");
                assertThat(problem.get("limit").get(0).asText()).isEqualTo(message);
            }
        });
    }

    @Test
    void anUnknownOrRemovedSongIsNotFound() throws InterruptedException {
        Api.Response unknown = api().get("/api/songs/0000000000000000000000/similar/");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("Not found.");

        String removed = jdbc.queryForObject("select spotify_id from songs where id = 97", String.class);
        assertThat(signedIn(Role.ADMIN)
                        .send("DELETE", "/api/admin/songs/" + removed + "/", null)
                        .status())
                .isEqualTo(200);
        awaitProjection();
        assertThat(api().get("/api/songs/" + removed + "/similar/").status()).isEqualTo(404);
        for (JsonNode song : List.copyOf(catalog().values()).subList(80, 95)) {
            assertThat(ids(api().get("/api/songs/" + song.get("spotify_id").asText() + "/similar/?limit=100")
                            .json()
                            .get("results")))
                    .doesNotContain(97L);
        }
    }

    @Test
    void aSongWithoutASoundHasNoSimilarSongsAndIsNoOnesNeighbour() {
        long soundless = 64;
        String spotifyId = jdbc.queryForObject("select spotify_id from songs where id = ?", String.class, soundless);
        String sound = jdbc.queryForObject("select sound::text from song_sounds where id = ?", String.class, soundless);
        int cell = jdbc.queryForObject("select cell from song_sounds where id = ?", Integer.class, soundless);
        jdbc.update("delete from song_sounds where id = ?", soundless);
        try {
            Api.Response response = api().get("/api/songs/" + spotifyId + "/similar/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("results")).isEmpty();
            assertThat(ids(api().get("/api/songs/" + anySpotifyId() + "/similar/?limit=100")
                            .json()
                            .get("results")))
                    .doesNotContain(soundless);
        } finally {
            jdbc.update(
                    "insert into song_sounds (id, sound, cell) values (?, cast(? as cube), ?)", soundless, sound, cell);
        }
    }

    @Test
    void recommendationsNeedASignedInListener() {
        Api.Response anonymous = api().get("/api/me/recommendations/");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("detail").asText()).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void aListenerWithoutLikesGetsTheMostRatedSongsTheyHaveNotRated() throws InterruptedException {
        Api other = signedIn(Role.USER);
        List<Long> rated = List.of(11L, 12L, 13L);
        for (long song : rated) {
            assertThat(other.post("/api/rating/", "{\"music\": " + song + ", \"score\": 2}")
                            .status())
                    .isEqualTo(201);
        }
        Api listener = signedIn(Role.USER);
        String token =
                listener.post("/api/rating/", "{\"music\": 12, \"score\": 3}").header("X-Consistency-Token");
        // the other listener's ratings too, which the token does not wait for (they are other songs')
        awaitProjection();
        JsonNode results = listener.with("X-Consistency-Token", token)
                .get("/api/me/recommendations/?limit=5")
                .json()
                .get("results");

        List<Long> expected = catalog().values().stream()
                .filter(song -> song.get("id").asLong() != 12)
                .sorted(Comparator.comparingLong(
                                (JsonNode song) -> -song.get("total_ratings").asLong())
                        .thenComparingLong(song -> song.get("id").asLong()))
                .map(song -> song.get("id").asLong())
                .limit(5)
                .toList();
        assertThat(ids(results)).isEqualTo(expected).contains(11L, 13L).doesNotContain(12L);
        results.forEach(song -> {
            assertThat(song.get("distance").isNull()).isTrue();
            assertThat(song.get("because").isNull()).isTrue();
        });
    }

    @Test
    void aFreshFiveStarRatingShapesTheNextRecommendationsWithItsConsistencyToken() throws InterruptedException {
        Api listener = signedIn(Role.USER);
        Map<Long, JsonNode> catalog = catalog();
        JsonNode first = catalog.get(5L);
        Api.Response rated = listener.post("/api/rating/", "{\"music\": 5, \"score\": 5}");
        Api.Response answer = listener.with("X-Consistency-Token", rated.header("X-Consistency-Token"))
                .get("/api/me/recommendations/");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Consistency")).isEqualTo("applied");
        JsonNode results = answer.json().get("results");
        assertThat(ids(results))
                .as("one liked song: its own nearest songs")
                .isEqualTo(ids(api().get("/api/songs/" + first.get("spotify_id").asText() + "/similar/")
                        .json()
                        .get("results")));
        results.forEach(song -> {
            assertThat(song.get("because").get("id").asLong()).isEqualTo(5);
            assertThat(song.get("because").get("title").asText())
                    .isEqualTo(first.get("title").asText());
        });

        listener.post("/api/rating/", "{\"music\": 40, \"score\": 4}");
        String token =
                listener.post("/api/rating/", "{\"music\": 70, \"score\": 2}").header("X-Consistency-Token");
        // a token waits for its own song's rating; the one of song 40 may be projected apart
        awaitProjection();
        results = listener.with("X-Consistency-Token", token)
                .get("/api/me/recommendations/?limit=20")
                .json()
                .get("results");
        double[] taste = new double[SOUND.size()];
        for (long liked : List.of(5L, 40L)) {
            double[] sound = sound(catalog.get(liked));
            for (int i = 0; i < taste.length; i++) {
                taste[i] += sound[i] / 2;
            }
        }
        Set<Long> ratedSongs = Set.of(5L, 40L, 70L);
        List<Near> expected = nearest(catalog, taste, song -> !ratedSongs.contains(song), 20);
        assertThat(ids(results)).isEqualTo(expected.stream().map(Near::id).toList());
        for (int k = 0; k < results.size(); k++) {
            JsonNode song = results.get(k);
            assertThat(song.get("distance").asDouble())
                    .isCloseTo(expected.get(k).distance(), within(1e-6));
            double[] sound = sound(catalog.get(song.get("id").asLong()));
            long because = distance(sound(catalog.get(5L)), sound) <= distance(sound(catalog.get(40L)), sound) ? 5 : 40;
            assertThat(song.get("because").get("id").asLong()).isEqualTo(because);
        }
    }

    /** Every song of the catalog as the API shows it, by id. */
    private Map<Long, JsonNode> catalog() {
        Map<Long, JsonNode> songs = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            JsonNode answer = api().get("/api/music/?ordering=id&page_size=100&page=" + page)
                    .json();
            answer.get("results").forEach(song -> songs.put(song.get("id").asLong(), song));
            if (answer.get("next").isNull()) {
                return songs;
            }
        }
    }

    private String anySpotifyId() {
        return jdbc.queryForObject("select spotify_id from songs order by id limit 1", String.class);
    }

    private record Near(long id, double distance) {}

    private static List<Near> nearest(Map<Long, JsonNode> catalog, double[] target, LongPredicate keep, int limit) {
        return catalog.values().stream()
                .filter(song -> keep.test(song.get("id").asLong()))
                .map(song -> new Near(song.get("id").asLong(), distance(sound(song), target)))
                .sorted(Comparator.comparingDouble(Near::distance).thenComparingLong(Near::id))
                .limit(limit)
                .toList();
    }

    /** The contract's sound of a song as the API shows it. */
    private static double[] sound(JsonNode song) {
        double[] sound = new double[SOUND.size()];
        for (int i = 0; i < sound.length; i++) {
            double value = song.get(SOUND.get(i)).asDouble();
            sound[i] = switch (SOUND.get(i)) {
                case "loudness" -> Math.min(1, Math.max(0, (value + 60) / 60));
                case "tempo" -> Math.min(1, Math.max(0, value / 250));
                default -> value;
            };
        }
        return sound;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static List<String> closestIn(double[] a, double[] b) {
        return IntStream.range(0, a.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> Math.abs(a[i] - b[i]))
                        .thenComparing(i -> i))
                .limit(3)
                .map(SOUND::get)
                .toList();
    }

    private static List<Long> ids(JsonNode results) {
        List<Long> ids = new ArrayList<>();
        results.forEach(song -> ids.add(song.get("id").asLong()));
        return ids;
    }
}
