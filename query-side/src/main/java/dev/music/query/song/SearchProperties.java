package dev.music.query.song;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.search.*}: up to {@code exact-count-limit} matches a search counts exactly; beyond
 * it the count is estimated from a sample of the table, since counting every match of a common
 * term reads them all where a page needs a few.
 */
@ConfigurationProperties("music.search")
public record SearchProperties(@DefaultValue("1000") long exactCountLimit) {}
