package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every count is exact, whatever the filter matches: the earlier API's clients compute their page
 * links and page counts from it. Counts of title and feature filters are remembered until the
 * catalog changes, and never served after it did; counts of rating filters follow every rating.
 */
class ExactCountTest extends IntegrationTest {

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    private long countOf(String query, String token) {
        Api reader = token == null ? api() : api().with("X-Consistency-Token", token);
        JsonNode page = reader.get("/api/music/?" + query).json();
        assertThat(page.has("count_exact")).as("no estimates any more").isFalse();
        return page.get("count").asLong();
    }

    private long sqlCount(String where, Object... args) {
        return jdbc.queryForObject("select count(*) from songs where " + where, Long.class, args);
    }

    @Test
    void everyCountIsExactAndThePagesAddUpToIt() {
        assertThat(countOf("", null)).isEqualTo(sqlCount("true"));
        for (String term : List.of("a", "e", "in", "igh", "ver", "Space Oddity", "zzzz")) {
            long exact = sqlCount("title ilike ?", "%" + term + "%");
            String title = "title=" + URLEncoder.encode(term, StandardCharsets.UTF_8);
            assertThat(countOf(title, null)).as(term).isEqualTo(exact);
            assertThat(countOf(title, null)).as("%s, remembered", term).isEqualTo(exact);
            List<Long> all = new ArrayList<>();
            for (int page = 1; page <= (exact + 9) / 10; page++) {
                all.addAll(ids(api().get("/api/music/?page_size=10&ordering=-tempo&page=" + page + "&" + title)
                        .json()));
            }
            assertThat(all)
                    .as("the pages of %s, in order, without repeats", term)
                    .isEqualTo(jdbc.queryForList(
                            "select id from songs where title ilike ? order by tempo desc, id",
                            Long.class,
                            "%" + term + "%"));
        }
        assertThat(countOf("min_energy=0.5&max_tempo=120", null)).isEqualTo(sqlCount("energy >= 0.5 and tempo <= 120"));
        assertThat(countOf("title=e&min_danceability=0.6", null))
                .isEqualTo(sqlCount("title ilike '%e%' and danceability >= 0.6"));
    }

    @Test
    void aRememberedCountIsNeverServedAfterTheCatalogChanged() {
        Api admin = signedIn(Role.ADMIN);
        String spotifyId = jdbc.queryForObject("select spotify_id from songs where id = 40", String.class);
        long before = countOf("title=Quxbar", null);
        long energetic = countOf("min_energy=0.99", null);
        long all = countOf("", null);
        assertThat(before).isZero();

        Api.Response corrected = admin.send(
                "PUT", "/api/admin/songs/" + spotifyId + "/", "{\"title\": \"The Quxbar Song\", \"energy\": 0.995}");
        assertThat(corrected.status()).isEqualTo(200);
        String token = corrected.header("X-Consistency-Token");
        assertThat(countOf("title=Quxbar", token)).as("a corrected title").isEqualTo(1);
        assertThat(countOf("min_energy=0.99", token)).as("a corrected feature").isEqualTo(energetic + 1);
        assertThat(countOf("", token)).isEqualTo(all);

        Api.Response removed = admin.send("DELETE", "/api/admin/songs/" + spotifyId + "/", null);
        assertThat(removed.status()).isEqualTo(200);
        token = removed.header("X-Consistency-Token");
        assertThat(countOf("title=Quxbar", token)).as("a removed song").isZero();
        assertThat(countOf("min_energy=0.99", token)).isEqualTo(energetic);
        assertThat(countOf("", token)).as("the unfiltered count").isEqualTo(all - 1);
        assertThat(countOf("", token)).isEqualTo(sqlCount("true"));
    }

    @Test
    void countsOfRatingFiltersFollowEveryRating() {
        Api user = signedIn(Role.USER);
        long rated = countOf("min_total_ratings=1", null);
        long highly = countOf("min_average_rating=4.5&title=e", null);
        long songId = jdbc.queryForObject(
                "select min(id) from songs where total_ratings = 0 and title ilike '%e%'", Long.class);
        String token = user.post("/api/rating/", "{\"music\": " + songId + ", \"score\": 5}")
                .json()
                .get("consistency_token")
                .asText();
        assertThat(countOf("min_total_ratings=1", token)).isEqualTo(rated + 1);
        assertThat(countOf("min_average_rating=4.5&title=e", token)).isEqualTo(highly + 1);
        assertThat(countOf("min_total_ratings=1&max_total_ratings=1", token)).isEqualTo(sqlCount("total_ratings = 1"));
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("results").forEach(song -> ids.add(song.get("id").asLong()));
        return ids;
    }
}
