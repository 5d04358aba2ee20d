package dev.music.app.replica;

import dev.music.app.config.DatabaseProperties;
import dev.music.query.CatalogReads;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Where the catalog's reads run: the primary, or with {@code music.replica.url} its replicas. */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    @Bean(destroyMethod = "close")
    ReplicaSet replicaSet(DataSource dataSource, ReplicaProperties properties, DatabaseProperties database) {
        return new ReplicaSet(dataSource, properties, database);
    }

    @Bean
    CatalogReads catalogReads(ReplicaSet replicas, JdbcTemplate jdbc, TransactionTemplate transactions) {
        return replicas.isEmpty() ? CatalogReads.primary(jdbc, transactions) : replicas.routing();
    }

    @Bean
    MeterBinder replicaMetrics(ReplicaSet replicas) {
        return replicas::bindTo;
    }
}
