package dev.music.app.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/statistics/ on real PostgreSQL: every histogram's bins recounted from the songs table
 * for several filters, the scatter's sample within the filter and stable, answers that follow a
 * changed catalog and new ratings, and bad input.
 */
class StatisticsApiTest extends IntegrationTest {

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void eachHistogramCountsEveryMatchInItsBin() {
        for (String filter : List.of("", "min_energy=0.5", "title=love", "min_tempo=100&max_tempo=140&mode=1")) {
            JsonNode statistics = statistics(filter);
            long count = api().get("/api/music/?" + filter).json().get("count").asLong();
            assertThat(statistics.get("count").asLong()).as(filter).isEqualTo(count);
            List<Map<String, Object>> songs = songs(filter);
            assertThat(songs).hasSize((int) count);
            assertBins(statistics.get("duration_ms"), songs, "duration_ms", filter);
            assertBins(statistics.get("acousticness"), songs, "acousticness", filter);
            assertBins(statistics.get("tempo"), songs, "tempo", filter);
        }
    }

    @Test
    void binsAreRoundAndAcousticnessHasTenOfATenth() {
        JsonNode statistics = statistics("");
        JsonNode duration = statistics.get("duration_ms");
        double step = duration.get(0).get("to").asDouble()
                - duration.get(0).get("from").asDouble();
        assertThat(step % 1000).as("whole seconds").isZero();
        assertThat(List.of(1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3)).contains(step);
        assertThat(duration.size()).isBetween(1, 24);
        JsonNode acousticness = statistics.get("acousticness");
        assertThat(acousticness.size()).isEqualTo(10);
        assertThat(acousticness.get(0).get("from").asDouble()).isZero();
        assertThat(acousticness.get(3).get("from").asDouble()).isEqualTo(0.3);
        assertThat(acousticness.get(9).get("to").asDouble()).isEqualTo(1.0);
        JsonNode tempo = statistics.get("tempo");
        assertThat(tempo.size()).isBetween(1, 20);
        for (JsonNode bins : List.of(duration, acousticness, tempo)) {
            for (int i = 1; i < bins.size(); i++) {
                assertThat(bins.get(i).get("from").asDouble())
                        .isEqualTo(bins.get(i - 1).get("to").asDouble());
            }
        }
    }

    @Test
    void theSampleIsBoundedWithinTheFilterAndTheSameEachTime() {
        JsonNode few = statistics("min_energy=0.3&sample=7").get("scatter");
        assertThat(few.get("x").asText()).isEqualTo("danceability");
        assertThat(few.get("y").asText()).isEqualTo("energy");
        assertThat(few.get("points")).hasSize(7);
        Set<Long> ids = new HashSet<>();
        for (JsonNode point : few.get("points")) {
            ids.add(point.get("id").asLong());
            Map<String, Object> song = jdbc.queryForMap(
                    "select title, danceability, energy from songs where id = ?",
                    point.get("id").asLong());
            assertThat(point.get("title").asText()).isEqualTo(song.get("title"));
            assertThat(point.get("danceability").asDouble()).isEqualTo(song.get("danceability"));
            assertThat(point.get("energy").asDouble())
                    .isEqualTo(song.get("energy"))
                    .isGreaterThanOrEqualTo(0.3);
        }
        assertThat(ids).hasSize(7);
        assertThat(statistics("min_energy=0.3&sample=7").get("scatter")).isEqualTo(few);
        long songs = statistics("").get("count").asLong();
        assertThat(statistics("sample=2000").get("scatter").get("points"))
                .as("every song when the sample may hold them all")
                .hasSize((int) songs);
        assertThat(statistics("").get("scatter").get("points"))
                .as("500 by default: all of them here")
                .hasSize((int) songs);
    }

    @Test
    void noMatchAnswersZeroAndEmptyCharts() {
        JsonNode none = statistics("min_energy=2");
        assertThat(none.get("count").asLong()).isZero();
        assertThat(none.get("scatter").get("points")).isEmpty();
        assertThat(none.get("duration_ms")).isEmpty();
        assertThat(none.get("tempo")).isEmpty();
    }

    @Test
    void aChangedCatalogAndNewRatingsChangeTheAnswer() throws Exception {
        long before = statistics("min_energy=0.5").get("count").asLong();
        String spotifyId = jdbc.queryForObject(
                "select spotify_id from songs where energy >= 0.5 order by id limit 1", String.class);
        Api admin = signedIn(Role.ADMIN);
        assertThat(admin.send("DELETE", "/api/admin/songs/" + spotifyId + "/", null)
                        .status())
                .isEqualTo(200);
        awaitProjection();
        assertThat(statistics("min_energy=0.5").get("count").asLong()).isEqualTo(before - 1);

        long rated = statistics("min_total_ratings=1").get("count").asLong();
        long unrated =
                jdbc.queryForObject("select id from songs where total_ratings = 0 order by id limit 1", Long.class);
        assertThat(signedIn(Role.USER)
                        .post("/api/rating/", "{\"music\": " + unrated + ", \"score\": 4}")
                        .status())
                .isEqualTo(201);
        awaitProjection();
        assertThat(statistics("min_total_ratings=1").get("count").asLong()).isEqualTo(rated + 1);
    }

    @Test
    void badInputIsRefusedInTheListsFormat() {
        assertProblem("min_energy=abc", "min_energy", "Enter a number.");
        assertProblem("sample=abc", "sample", "A valid integer is required.");
        assertProblem("sample=0", "sample", "Ensure this value is greater than or equal to 1.");
        assertProblem("sample=2001", "sample", "Ensure this value is less than or equal to 2000.");
    }

    @Test
    void theApiDescriptionHasTheRoute() {
        JsonNode route = api().get("/v3/api-docs").json().get("paths").get("/api/statistics/");
        assertThat(route).isNotNull();
        List<String> parameters = new ArrayList<>();
        route.get("get")
                .get("parameters")
                .forEach(parameter -> parameters.add(parameter.get("name").asText()));
        assertThat(parameters).contains("sample");
    }

    private void assertProblem(String query, String field, String message) {
        Api.Response response = api().get("/api/statistics/?" + query);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(field).get(0).asText()).isEqualTo(message);
    }

    private JsonNode statistics(String query) {
        Api.Response response = api().get("/api/statistics/?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The songs a filter keeps, read straight from the table. */
    private List<Map<String, Object>> songs(String filter) {
        StringBuilder where = new StringBuilder("true");
        List<Object> args = new ArrayList<>();
        for (String part : filter.isEmpty() ? new String[0] : filter.split("&")) {
            String[] pair = part.split("=");
            if (pair[0].equals("title")) {
                where.append(" and title ilike ?");
                args.add("%" + pair[1] + "%");
            } else if (pair[0].startsWith("min_")) {
                where.append(" and ").append(pair[0].substring(4)).append(" >= ?");
                args.add(Double.parseDouble(pair[1]));
            } else if (pair[0].startsWith("max_")) {
                where.append(" and ").append(pair[0].substring(4)).append(" <= ?");
                args.add(Double.parseDouble(pair[1]));
            } else {
                where.append(" and ").append(pair[0]).append(" = ?");
                args.add(Double.parseDouble(pair[1]));
            }
        }
        return jdbc.queryForList("select duration_ms, acousticness, tempo from songs where " + where, args.toArray());
    }

    private static void assertBins(JsonNode bins, List<Map<String, Object>> songs, String column, String filter) {
        long total = 0;
        for (int i = 0; i < bins.size(); i++) {
            double from = bins.get(i).get("from").asDouble();
            double to = bins.get(i).get("to").asDouble();
            boolean last = i == bins.size() - 1;
            long inBin = songs.stream()
                    .mapToDouble(song -> ((Number) song.get(column)).doubleValue())
                    .filter(value -> value >= from - 1e-9 && (last ? value <= to + 1e-9 : value < to - 1e-9))
                    .count();
            assertThat(bins.get(i).get("count").asLong())
                    .as("%s [%s, %s) with %s", column, from, to, filter)
                    .isEqualTo(inBin);
            total += inBin;
        }
        assertThat(total).as("every song of %s in a bin of %s", filter, column).isEqualTo(songs.size());
    }
}
