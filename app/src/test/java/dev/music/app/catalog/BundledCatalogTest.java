package dev.music.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A first start imports the project's playlist.json from the jar when no catalog file is
 * configured and the working directory has none, as a jar copied anywhere is started.
 */
class BundledCatalogTest extends IntegrationTest {

    /** Above the integration tests' own settings, which switch the first start's import off. */
    @DynamicPropertySource
    static void firstStartImport(DynamicPropertyRegistry registry) {
        registry.add("music.catalog.import-on-empty", () -> "true");
    }

    @Test
    void theFirstStartServesTheProjectsHundredSongs() throws Exception {
        assertThat(Files.exists(Path.of("playlist.json")))
                .as("the tests run where no playlist.json is")
                .isFalse();
        awaitProjection();

        assertThat(api().get("/api/music/?page_size=1").json().get("count").asLong())
                .isEqualTo(100);
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where payload_type like '%SongAddedToCatalog'"
                                + " and convert_from(meta_data, 'UTF8')::jsonb ->> 'source' = 'playlist.json'",
                        Long.class))
                .isEqualTo(100);
    }
}
