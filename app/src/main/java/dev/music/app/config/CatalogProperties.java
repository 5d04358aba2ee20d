package dev.music.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.catalog.*}: the catalog file imported on the first start, while the catalog is
 * empty ({@code import-on-empty=false} switches that off), and from how many rows {@code load-music}
 * into an empty catalog builds the read model as a rebuild does ({@code first-load-rows}).
 */
@ConfigurationProperties("music.catalog")
public record CatalogProperties(
        @DefaultValue("playlist.json") Path file,
        @DefaultValue("true") boolean importOnEmpty,
        @DefaultValue("10000") int firstLoadRows) {}
