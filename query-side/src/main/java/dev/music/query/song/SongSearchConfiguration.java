package dev.music.query.song;

import dev.music.query.ReadRouter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's {@link SongSearch}: on the catalog's reads, with the counts every node stores. */
@Configuration(proxyBeanMethods = false)
class SongSearchConfiguration {

    @Bean
    SongSearch songSearch(ReadRouter reads, SearchProperties properties, StoredCounts stored) {
        return new SongSearch(
                reads.jdbc(),
                reads.transactions(),
                new CatalogCounts(properties.countCacheSize()),
                PlanThresholds.DEFAULT,
                stored);
    }
}
