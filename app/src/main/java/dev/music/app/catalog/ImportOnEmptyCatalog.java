package dev.music.app.catalog;

import dev.music.app.config.CatalogProperties;
import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.catalog.ImportSummary;
import dev.music.command.catalog.InvalidCatalogFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * On the first start, while the catalog is empty, imports the catalog file: the configured one,
 * else {@code playlist.json} in the working directory, else the project's own that the jar
 * carries, so that a jar copied anywhere starts with its 100 songs.
 */
@ConditionalOnCommandSide
@Component
@ConditionalOnProperty(name = "music.catalog.import-on-empty", havingValue = "true", matchIfMissing = true)
class ImportOnEmptyCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportOnEmptyCatalog.class);

    /** Where the jar carries the project's playlist.json. */
    static final String BUNDLED = "catalog/playlist.json";

    private final CatalogImporter importer;
    private final CatalogProperties properties;

    ImportOnEmptyCatalog(CatalogImporter importer, CatalogProperties properties) {
        this.importer = importer;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!importer.catalogIsEmpty()) {
            return;
        }
        Path file = properties.file() != null ? properties.file() : CatalogProperties.WORKING_DIRECTORY_FILE;
        if (Files.isRegularFile(file)) {
            try (InputStream catalog = Files.newInputStream(file)) {
                importCatalog(
                        catalog,
                        file.getFileName().toString(),
                        file.toAbsolutePath().toString());
            }
        } else if (properties.file() != null) {
            log.warn("The catalog is empty and {} does not exist: nothing imported", file.toAbsolutePath());
        } else {
            try (InputStream catalog = new ClassPathResource(BUNDLED).getInputStream()) {
                importCatalog(catalog, "playlist.json", "the project's playlist.json (in the jar)");
            }
        }
    }

    private void importCatalog(InputStream catalog, String source, String described) throws IOException {
        try {
            ImportSummary summary = importer.importCatalog(
                    catalog,
                    Map.of("user", "system", "correlationId", UUID.randomUUID().toString(), "source", source),
                    done -> {});
            log.info("The catalog was empty: imported {}: {}", described, summary);
        } catch (InvalidCatalogFileException e) {
            // Serve anyway: the operator fixes the file and runs load-music.
            log.error(
                    "The catalog is empty and {} is not a valid catalog file; nothing imported:\n  {}",
                    described,
                    String.join("\n  ", e.problems()));
        }
    }
}
