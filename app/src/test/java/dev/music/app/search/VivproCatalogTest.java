package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.Paths;
import dev.music.command.catalog.ImportSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The earlier API's real catalog file, imported and served back field by field. */
class VivproCatalogTest extends IntegrationTest {

    private static final Path FILE = CatalogFiles.vivproPlaylist();

    @BeforeEach
    void importTheFile() throws Exception {
        assumeTrue(Files.exists(FILE), "the earlier API's file is not beside this clone");
        if (importer.catalogIsEmpty()) {
            importCatalog(FILE);
        }
    }

    @Test
    void listMatchesTheFileFieldByField() throws Exception {
        List<Map<String, JsonNode>> rows = CatalogFiles.rows(FILE);
        JsonNode page = api().get("/api/music/?ordering=id&page_size=100").json();

        assertThat(page.get("count").asInt()).isEqualTo(rows.size());
        JsonNode results = page.get("results");
        assertThat(results).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertSongMatchesRow(results.get(i), rows.get(i));
            assertThat(results.get(i).get("id").asLong()).isEqualTo(i + 1);
        }
    }

    @Test
    void everyTitleIsReachableWhenPercentEncoded() throws Exception {
        List<Map<String, JsonNode>> rows = CatalogFiles.rows(FILE);
        Map<String, Map<String, JsonNode>> firstRowByTitle = new HashMap<>();
        rows.forEach(row -> firstRowByTitle.putIfAbsent(row.get("title").asText(), row));
        for (Map<String, JsonNode> row : rows) {
            String title = row.get("title").asText();
            var response = api().get("/api/music/" + Paths.segment(title) + "/");
            assertThat(response.status()).as("GET of title %s", title).isEqualTo(200);
            assertSongMatchesRow(response.json(), firstRowByTitle.get(title));
        }
    }

    @Test
    void reimportingTheSameFileAppendsNothing() throws Exception {
        long events = eventCount();
        ImportSummary summary = importCatalog(FILE);
        assertThat(summary.added()).isZero();
        assertThat(summary.unchanged()).isEqualTo(100);
        assertThat(eventCount()).isEqualTo(events);
    }

    static void assertSongMatchesRow(JsonNode song, Map<String, JsonNode> row) {
        assertThat(song.get("spotify_id").asText()).isEqualTo(row.get("id").asText());
        assertThat(song.get("title").asText()).isEqualTo(row.get("title").asText());
        assertThat(song.get("average_rating").asDouble()).isZero();
        assertThat(song.get("total_ratings").asLong()).isZero();
        row.forEach((column, value) -> {
            if (column.equals("id") || column.equals("title")) {
                return;
            }
            assertThat(song.has(column)).as("song has %s", column).isTrue();
            if (value.isIntegralNumber()) {
                assertThat(song.get(column).isIntegralNumber())
                        .as("%s is a whole number", column)
                        .isTrue();
                assertThat(song.get(column).asLong()).as(column).isEqualTo(value.asLong());
            } else {
                assertThat(song.get(column).asDouble()).as(column).isEqualTo(value.asDouble());
            }
        });
    }
}
