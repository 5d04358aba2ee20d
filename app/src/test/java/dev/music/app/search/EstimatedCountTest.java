package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Beyond {@code music.search.exact-count-limit} matches (here 5, so that the project's 100 songs
 * go past it) the count is an estimate and says so; the pages themselves stay exact, and the
 * last page is found by an exact count.
 */
@TestPropertySource(properties = "music.search.exact-count-limit=5")
class EstimatedCountTest extends IntegrationTest {

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void aLargeCountIsAnEstimateButThePagesAreExact() {
        for (String term : List.of("a", "e", "in", "igh", "ver")) {
            long exact =
                    jdbc.queryForObject("select count(*) from songs where title ilike ?", Long.class, "%" + term + "%");
            assertThat(exact).as(term).isGreaterThan(5);
            JsonNode first = api().get("/api/music/?page_size=10&ordering=-tempo&title=" + term)
                    .json();
            assertThat(first.get("count_exact").asBoolean(true)).as(term).isFalse();
            assertThat(first.get("count").asLong()).as(term).isGreaterThan(5);
            assertThat(ids(first))
                    .as("the first page of %s, exactly", term)
                    .isEqualTo(jdbc.queryForList(
                            "select id from songs where title ilike ? order by tempo desc, id limit 10",
                            Long.class,
                            "%" + term + "%"));

            JsonNode last = api().get("/api/music/?page_size=10&ordering=-tempo&page=last&title=" + term)
                    .json();
            assertThat(last.has("count_exact"))
                    .as("the last page comes from the exact count")
                    .isFalse();
            assertThat(last.get("count").asLong()).isEqualTo(exact);
            assertThat(last.get("next").isNull()).isTrue();
            long lastPage = (exact + 9) / 10;
            assertThat(ids(last))
                    .isEqualTo(jdbc.queryForList(
                            "select id from songs where title ilike ?" + " order by tempo desc, id limit 10 offset ?",
                            Long.class,
                            "%" + term + "%",
                            (lastPage - 1) * 10));
            assertThat(api().get("/api/music/?page_size=10&title=" + term + "&page=" + (lastPage + 1))
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void smallCountsStayExact() {
        JsonNode few = api().get("/api/music/?title=Space%20Oddity").json();
        assertThat(few.has("count_exact")).isFalse();
        assertThat(few.get("count").asLong()).isEqualTo(2);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("results").forEach(song -> ids.add(song.get("id").asLong()));
        return ids;
    }
}
