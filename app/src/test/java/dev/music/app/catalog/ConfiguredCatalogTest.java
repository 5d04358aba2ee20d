package dev.music.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A catalog file named by configuration wins over the one the jar carries, even when it is missing. */
class ConfiguredCatalogTest extends IntegrationTest {

    /** Above the integration tests' own settings, which switch the first start's import off. */
    @DynamicPropertySource
    static void firstStartImport(DynamicPropertyRegistry registry) {
        registry.add("music.catalog.import-on-empty", () -> "true");
        registry.add("music.catalog.file", () -> "no-such-catalog.json");
    }

    @Test
    void aMissingConfiguredFileImportsNothing() {
        // The first start's import runs before the application is ready, so before this test.
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class))
                .isZero();
    }
}
