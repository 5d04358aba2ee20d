package dev.music.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.embedded-postgres.*}: the PostgreSQL started when no {@code spring.datasource.url}
 * is configured. Its data directory persists between runs.
 */
@ConfigurationProperties("music.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("data/postgres") Path dataDir,
        @DefaultValue("0") int port) {}
