package dev.music.app.catalog;

import dev.music.app.config.CatalogProperties;
import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.catalog.ImportSummary;
import dev.music.command.catalog.InvalidCatalogFileException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** On the first start, while the catalog is empty, imports the configured catalog file. */
@ConditionalOnCommandSide
@Component
@ConditionalOnProperty(name = "music.catalog.import-on-empty", havingValue = "true", matchIfMissing = true)
class ImportOnEmptyCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportOnEmptyCatalog.class);

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
        if (!Files.isRegularFile(properties.file())) {
            log.warn(
                    "The catalog is empty and {} does not exist: nothing imported",
                    properties.file().toAbsolutePath());
            return;
        }
        try (InputStream file = Files.newInputStream(properties.file())) {
            ImportSummary summary = importer.importCatalog(
                    file,
                    Map.of(
                            "user",
                            "system",
                            "correlationId",
                            UUID.randomUUID().toString(),
                            "source",
                            properties.file().getFileName().toString()),
                    done -> {});
            log.info("The catalog was empty: imported {}: {}", properties.file(), summary);
        } catch (InvalidCatalogFileException e) {
            // Serve anyway: the operator fixes the file and runs load-music.
            log.error(
                    "The catalog is empty and {} is not a valid catalog file; nothing imported:\n  {}",
                    properties.file().toAbsolutePath(),
                    String.join("\n  ", e.problems()));
        }
    }
}
