package dev.music.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.catalog.*}: the catalog file imported on the first start, while the catalog is
 * empty ({@code import-on-empty=false} switches that off), and from how many rows {@code load-music}
 * into an empty catalog builds the read model as a rebuild does ({@code first-load-rows}).
 *
 * @param file the file to import; none configured: {@code playlist.json} in the working
 *     directory, else the project's own, which the jar carries
 */
@ConfigurationProperties("music.catalog")
public record CatalogProperties(
        Path file,
        @DefaultValue("true") boolean importOnEmpty,
        @DefaultValue("10000") int firstLoadRows) {

    /** The file a first start imports when none is configured, in the working directory. */
    public static final Path WORKING_DIRECTORY_FILE = Path.of("playlist.json");
}
