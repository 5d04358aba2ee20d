package dev.music.query.song;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.search.*}: how many counts of title and feature filters a node remembers in memory
 * (each is exact until the catalog changes; 0 remembers none; the database keeps them for every
 * node besides, {@link StoredCounts}), and how often the catalog is checked for a version whose
 * one- and two-character title pieces are not counted yet ({@link TitleGramCounts}).
 */
@ConfigurationProperties("music.search")
public record SearchProperties(
        @DefaultValue("10000") int countCacheSize,
        @DefaultValue("2s") Duration gramCountInterval) {

    /** A node's memory of this many counts, with the default check interval. */
    public static SearchProperties remembering(int countCacheSize) {
        return new SearchProperties(countCacheSize, Duration.ofSeconds(2));
    }
}
