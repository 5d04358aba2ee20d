package dev.music.query.song;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.search.*}: how many counts of title and feature filters a node remembers (each is
 * exact until the catalog changes; 0 remembers none).
 */
@ConfigurationProperties("music.search")
public record SearchProperties(@DefaultValue("10000") int countCacheSize) {}
